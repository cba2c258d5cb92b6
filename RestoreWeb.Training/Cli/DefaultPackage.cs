namespace RestoreWeb.Training.Cli;

/// <summary>The model package the product serves when nothing else is configured: the starter model in the repository.</summary>
internal static class DefaultPackage
{
    public const string RelativePath = "models/starter.zip";

    public static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, RelativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        string here = Path.Combine(Environment.CurrentDirectory, RelativePath);
        return File.Exists(here)
            ? here
            : throw new FileNotFoundException($"No default model package ({RelativePath}) was found; pass --package <zip>.", RelativePath);
    }
}
