using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EventManager.Tests;

/// <summary>Hangfire keeps some state in statics: the tests that run its servers take turns.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HangfireCollection
{
    public const string Name = "Hangfire servers";
}
