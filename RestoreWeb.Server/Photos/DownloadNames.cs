namespace RestoreWeb.Server.Photos;

/// <summary>
/// Hands out unique names within one download: the second "a.jpg" becomes "a (2).jpg", as file managers do.
/// Compared without case, so that the archive also extracts on case-insensitive file systems.
/// </summary>
public sealed class DownloadNames
{
    private readonly HashSet<string> _taken = new(StringComparer.OrdinalIgnoreCase);

    public string Claim(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (_taken.Add(name))
        {
            return name;
        }
        string folder = name.Contains('/', StringComparison.Ordinal) ? name[..(name.LastIndexOf('/') + 1)] : string.Empty;
        string file = name[folder.Length..];
        string stem = Path.GetFileNameWithoutExtension(file);
        string extension = Path.GetExtension(file);
        for (int n = 2; ; n++)
        {
            string candidate = $"{folder}{stem} ({n}){extension}";
            if (_taken.Add(candidate))
            {
                return candidate;
            }
        }
    }
}
