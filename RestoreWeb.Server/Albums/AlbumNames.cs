using RestoreWeb.Server.Data;

namespace RestoreWeb.Server.Albums;

public static class AlbumNames
{
    /// <summary>The trimmed name, or null with <paramref name="problem"/> saying what to change.</summary>
    public static string? Validate(string? name, out string problem)
    {
        string trimmed = (name ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            problem = "Give the album a name, for example \"Grandma's wedding\".";
            return null;
        }
        if (trimmed.Length > Album.MaxNameLength)
        {
            problem = $"Album names can be at most {Album.MaxNameLength} characters long; this one has {trimmed.Length}.";
            return null;
        }
        if (trimmed.Any(char.IsControl))
        {
            problem = "Album names cannot contain line breaks, tabs or other control characters.";
            return null;
        }
        problem = string.Empty;
        return trimmed;
    }
}
