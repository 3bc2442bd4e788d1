using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EventManager.Tests;

/// <summary>A job the tests schedule: it appends a line to a file, so a run is visible and countable.</summary>
public static class ProbeJob
{
    public static void Write(string path, string line) => File.AppendAllLines(path, [line]);
}
