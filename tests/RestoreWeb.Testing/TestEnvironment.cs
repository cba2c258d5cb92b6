namespace RestoreWeb.Testing;

/// <summary>Where the repository, its local tools and the test artifacts are, seen from a running test.</summary>
public static class TestEnvironment
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    public static string RepositoryRoot => Root.Value;

    /// <summary>Tools the test command installs next to the repository (Azurite from npm).</summary>
    public static string ToolsDirectory =>
        Environment.GetEnvironmentVariable("RESTOREWEB_TOOLS") is { Length: > 0 } tools
            ? tools
            : Path.Combine(RepositoryRoot, ".tools");

    /// <summary>Screenshots and other files a person may want to look at after a run.</summary>
    public static string ArtifactsDirectory
    {
        get
        {
            string dir = Environment.GetEnvironmentVariable("RESTOREWEB_ARTIFACTS") is { Length: > 0 } configured
                ? configured
                : Path.Combine(RepositoryRoot, "TestResults", "artifacts");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    /// <summary>The build configuration the tests were built in (Debug or Release), read from the output path.</summary>
    public static string BuildConfiguration
    {
        get
        {
            var parts = AppContext.BaseDirectory.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
            int bin = Array.LastIndexOf(parts, "bin");
            return bin >= 0 && bin + 1 < parts.Length ? parts[bin + 1] : "Debug";
        }
    }

    /// <summary>A fresh folder under the system temp directory, for one fixture's data.</summary>
    public static string NewTempDirectory(string purpose)
    {
        string dir = Path.Combine(Path.GetTempPath(), "restoreweb-tests", $"{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RestoreWeb.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No RestoreWeb.sln above {AppContext.BaseDirectory}: tests must run from the repository's build output.");
    }
}
