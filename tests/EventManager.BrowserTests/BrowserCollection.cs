using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace EventManager.BrowserTests;

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<Browser>
{
    public const string Name = "Chromium";
}
