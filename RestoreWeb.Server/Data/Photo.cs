using RestoreWeb.Inference.Imaging;

namespace RestoreWeb.Server.Data;

/// <summary>An uploaded original. Its blob is never modified; restorations are <see cref="RestorationJob"/>s.</summary>
public sealed class Photo
{
    public const int MaxFileNameLength = 255;

    public Guid Id { get; set; }

    public required string OwnerId { get; set; }

    public Guid AlbumId { get; set; }

    public Album? Album { get; set; }

    /// <summary>The uploaded name, cleaned; used only for downloads, never as a storage path.</summary>
    public required string FileName { get; set; }

    public ImageFormatKind Format { get; set; }

    public required string ContentType { get; set; }

    public long SizeBytes { get; set; }

    /// <summary>Lower-case hex SHA-256 of the original bytes: one photo per owner and content.</summary>
    public required string Sha256 { get; set; }

    /// <summary>Upright width (EXIF orientation applied), the size masks are drawn at.</summary>
    public int Width { get; set; }

    public int Height { get; set; }

    public required string OriginalBlob { get; set; }

    public required string ThumbnailBlob { get; set; }

    public DateTime UploadedAt { get; set; }

    public List<RestorationJob> Jobs { get; } = [];
}
