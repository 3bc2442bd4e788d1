using System.Net;
using Xunit.Abstractions;

namespace EventManager.Tests;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    /// <summary>Tests that compare how long answers take run alone, not beside the rest of the suite.</summary>
    public const string Name = "Timing";
}
