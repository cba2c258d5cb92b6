using System.Globalization;
using System.Text;
using RestoreWeb.Inference.Imaging;

namespace RestoreWeb.Server.Photos;

/// <summary>
/// Names people gave their files, made safe to show and to offer as download names. They are never used as
/// storage paths (blobs are named by id), but a download name still must not smuggle in folders, control
/// characters or right-to-left overrides that disguise an extension.
/// </summary>
public static class FileNames
{
    private const int MaxLength = 255;

    // Characters Windows refuses in file names; replaced so that a downloaded ZIP extracts everywhere.
    private static readonly char[] Reserved = ['<', '>', ':', '"', '|', '?', '*'];

    private static readonly HashSet<string> ReservedDeviceNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    /// <summary>The last path segment of <paramref name="uploaded"/>, without control or formatting characters.</summary>
    /// <param name="format">Supplies an extension when nothing usable is left of the name.</param>
    public static string Sanitize(string? uploaded, ImageFormatKind format)
    {
        string name = uploaded ?? string.Empty;
        int separator = name.LastIndexOfAny(['/', '\\']);
        if (separator >= 0)
        {
            name = name[(separator + 1)..];
        }

        var builder = new StringBuilder(name.Length);
        foreach (char c in name.Normalize(NormalizationForm.FormC))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (char.IsControl(c) || category is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                continue;
            }
            builder.Append(Array.IndexOf(Reserved, c) >= 0 ? '_' : c);
        }
        name = builder.ToString().Trim().Trim('.').Trim();

        string stem = Path.GetFileNameWithoutExtension(name);
        if (stem.Length == 0)
        {
            name = "photo" + (name.Length > 0 && Path.HasExtension(name) ? Path.GetExtension(name) : DefaultExtension(format));
        }
        else if (ReservedDeviceNames.Contains(stem))
        {
            name = "_" + name;
        }
        return Truncate(name);
    }

    /// <summary>The download name of a restored photo: the original's name with the result's extension.</summary>
    public static string ForResult(string original, OutputFormat format) =>
        Truncate(Path.GetFileNameWithoutExtension(original) + OutputFormatPolicy.Extension(format));

    public static string ContentType(ImageFormatKind format) => format switch
    {
        ImageFormatKind.Jpeg => "image/jpeg",
        ImageFormatKind.Png => "image/png",
        ImageFormatKind.Tiff => "image/tiff",
        ImageFormatKind.Webp => "image/webp",
        ImageFormatKind.Bmp => "image/bmp",
        ImageFormatKind.Gif => "image/gif",
        _ => "application/octet-stream",
    };

    private static string DefaultExtension(ImageFormatKind format) => format switch
    {
        ImageFormatKind.Jpeg => ".jpg",
        ImageFormatKind.Tiff => ".tif",
        _ => "." + format.ToString().ToLowerInvariant(),
    };

    private static string Truncate(string name)
    {
        if (name.Length <= MaxLength)
        {
            return name;
        }
        string extension = Path.GetExtension(name);
        if (extension.Length > 16)
        {
            extension = string.Empty;
        }
        return name[..(MaxLength - extension.Length)] + extension;
    }
}
