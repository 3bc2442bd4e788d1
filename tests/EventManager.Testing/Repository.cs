namespace EventManager.Testing;

public static class Repository
{
    /// <summary>The folder holding EventManager.sln, found upwards from the running test or benchmark.</summary>
    public static string Root { get; } = Find();

    /// <summary>Debug or Release: the configuration the running test or benchmark was built in.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EventManager.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("EventManager.sln not found above " + AppContext.BaseDirectory);
    }
}
