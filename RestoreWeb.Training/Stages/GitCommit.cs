using System.Reflection;
using System.Text.RegularExpressions;

namespace RestoreWeb.Training.Stages;

/// <summary>
/// The commit of the code that runs, for run manifests: the one the program was built from (the SDK writes it into
/// the informational version), or else the HEAD of the checkout around the working directory, read from .git without
/// running git (which may not be installed). A run started from a folder outside the checkout still records it.
/// </summary>
public static partial class GitCommit
{
    public static string? Read() => FromAssembly(typeof(GitCommit).Assembly) ?? FromCheckout(Environment.CurrentDirectory);

    /// <summary>The commit after the '+' of the assembly's informational version, when it has one.</summary>
    public static string? FromAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        string? version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var match = version is null ? null : SourceRevision().Match(version);
        return match is { Success: true } ? match.Groups[1].Value : null;
    }

    /// <summary>HEAD of the git checkout that contains <paramref name="directory"/>; null outside one.</summary>
    public static string? FromCheckout(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            string git = Path.Combine(dir.FullName, ".git");
            if (!Directory.Exists(git))
            {
                continue;
            }
            string head = File.ReadAllText(Path.Combine(git, "HEAD")).Trim();
            if (!head.StartsWith("ref: ", StringComparison.Ordinal))
            {
                return head;
            }
            string reference = head[5..];
            string loose = Path.Combine(git, reference);
            if (File.Exists(loose))
            {
                return File.ReadAllText(loose).Trim();
            }
            string packed = Path.Combine(git, "packed-refs");
            return File.Exists(packed)
                ? File.ReadLines(packed).Select(l => l.Split(' ')).FirstOrDefault(p => p.Length == 2 && p[1] == reference)?[0]
                : null;
        }
        return null;
    }

    [GeneratedRegex(@"\+([0-9a-f]{40})$")]
    private static partial Regex SourceRevision();
}
