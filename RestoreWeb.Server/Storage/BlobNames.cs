using System.Buffers;
using RestoreWeb.Inference.Imaging;
using RestoreWeb.Inference.Pipeline;

namespace RestoreWeb.Server.Storage;

/// <summary>
/// The storage layout. Names are built from ids only, never from anything a user typed, so that no upload can
/// choose where it lands; every name is checked against the same rules by every provider.
/// </summary>
public static class BlobNames
{
    public const string Originals = "originals/";
    public const string Thumbnails = "thumbnails/";
    public const string Masks = "masks/";
    public const string Results = "results/";
    public const string Models = "models/";
    public const string Previews = "previews/";

    private static readonly SearchValues<char> SegmentCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-");

    public static string Original(Guid photoId, ImageFormatKind format) => $"{Originals}{photoId:N}{Extension(format)}";

    public static string Thumbnail(Guid photoId) => $"{Thumbnails}{photoId:N}.jpg";

    /// <summary>One name per job, whatever run produced it: a retried job overwrites its result instead of adding one.</summary>
    public static string Result(Guid photoId, Guid jobId, OutputFormat format) => $"{Results}{photoId:N}/{jobId:N}{OutputFormatPolicy.Extension(format)}";

    /// <summary>The mask a job restored with (detected ∪ drawn), for the mask editor.</summary>
    public static string Mask(Guid photoId, Guid jobId) => $"{Masks}{photoId:N}/{jobId:N}.png";

    /// <summary>The mask a user drew for one job; kept per job so a later edit cannot change a queued job's input.</summary>
    public static string DrawnMask(Guid photoId, Guid jobId) => $"{Masks}{photoId:N}/{jobId:N}-drawn.png";

    public static string ModelPackage(string sha256) => $"{Models}{sha256}.zip";

    /// <summary>
    /// An administrator's compare preview of a photo restored by one version with one output tone: the tone is in the
    /// name, so previews made before the pipeline changed its tone are made again rather than shown beside new ones.
    /// </summary>
    public static string PhotoPreview(Guid photoId, Guid versionId, OutputStretch tone) => $"{Previews}{photoId:N}/{versionId:N}.{Tone(tone)}.png";

    /// <summary>A built-in sample restored by one version with one output tone.</summary>
    public static string SamplePreview(string sample, Guid versionId, OutputStretch tone) => $"{Previews}samples/{sample}/{versionId:N}.{Tone(tone)}.png";

    private static string Tone(OutputStretch tone) => tone.ToString().ToLowerInvariant();

    /// <summary>The prefixes holding everything derived from one photo besides its original and thumbnail.</summary>
    public static IReadOnlyList<string> PhotoFolders(Guid photoId) => [$"{Results}{photoId:N}/", $"{Masks}{photoId:N}/", $"{Previews}{photoId:N}/"];

    /// <summary>Throws unless <paramref name="name"/> is slash-separated segments of letters, digits, '.', '_' and '-', none starting with '.'.</summary>
    public static void Validate(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name.EndsWith('/'))
        {
            throw new ArgumentException($"'{name}' is not a blob name: it must not be empty or end with '/'.", nameof(name));
        }
        ValidatePrefix(name);
    }

    /// <summary>Like <see cref="Validate"/>, but the empty prefix and a trailing '/' are allowed.</summary>
    public static void ValidatePrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        string trimmed = prefix.EndsWith('/') ? prefix[..^1] : prefix;
        if (trimmed.Length == 0)
        {
            if (prefix.Length > 0)
            {
                throw new ArgumentException("A blob prefix cannot be only '/'.", nameof(prefix));
            }
            return;
        }
        foreach (var segment in trimmed.Split('/'))
        {
            if (segment.Length == 0 || segment[0] == '.' || segment.AsSpan().ContainsAnyExcept(SegmentCharacters))
            {
                throw new ArgumentException(
                    $"'{prefix}' is not a valid blob name: segments are letters, digits, '.', '_' and '-', and none may be empty or start with '.'.",
                    nameof(prefix));
            }
        }
    }

    private static string Extension(ImageFormatKind format) => format switch
    {
        ImageFormatKind.Jpeg => ".jpg",
        ImageFormatKind.Png => ".png",
        ImageFormatKind.Tiff => ".tif",
        ImageFormatKind.Webp => ".webp",
        ImageFormatKind.Bmp => ".bmp",
        ImageFormatKind.Gif => ".gif",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}
