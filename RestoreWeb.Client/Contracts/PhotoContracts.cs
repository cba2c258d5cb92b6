using System.Text.Json.Serialization;

namespace RestoreWeb.Client.Contracts;

/// <param name="FileName">The name the file was uploaded with, cleaned of path separators and control characters.</param>
/// <param name="Format">The format recognised from the content: JPEG, PNG, TIFF, WebP, BMP or GIF.</param>
/// <param name="Width">Upright width in pixels (EXIF orientation applied).</param>
/// <param name="Height">Upright height in pixels.</param>
/// <param name="LatestJob">The most recent restoration of this photo; null when none was ever started.</param>
public sealed record PhotoDto(
    Guid Id,
    Guid AlbumId,
    string FileName,
    string Format,
    int Width,
    int Height,
    long SizeBytes,
    string Sha256,
    DateTimeOffset UploadedAt,
    string ThumbnailUrl,
    string OriginalUrl,
    JobDto? LatestJob);

/// <summary>What happened to one file of an upload.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UploadOutcome>))]
public enum UploadOutcome
{
    /// <summary>Stored, and a restoration job was queued.</summary>
    Stored,

    /// <summary>The same file was uploaded before; the existing photo is returned and nothing new is stored.</summary>
    Duplicate,

    /// <summary>Not stored; <see cref="UploadedFileDto.Error"/> says why.</summary>
    Rejected,
}

/// <param name="Reason">A stable code: Empty, FileTooLarge, NotAnImage, Unsupported, Truncated, Corrupt, TooManyPixels, DimensionTooLarge, TooSmall.</param>
/// <param name="Status">The HTTP status the same rejection gets as a whole response.</param>
/// <param name="Detail">What is wrong and what to do, for the person who uploaded the file.</param>
public sealed record UploadErrorDto(string Reason, int Status, string Detail);

public sealed record UploadedFileDto(string FileName, UploadOutcome Outcome, PhotoDto? Photo, UploadErrorDto? Error);

/// <summary>One entry per file of the request, in the order sent.</summary>
public sealed record UploadResponse(IReadOnlyList<UploadedFileDto> Files);
