namespace RestoreWeb.Client.Contracts;

public sealed record CreateAlbumRequest(string Name);

public sealed record RenameAlbumRequest(string Name);

/// <summary>How many of an album's photos are in each state of their latest restoration.</summary>
/// <param name="NotStarted">Photos that have never had a restoration job.</param>
public sealed record PhotoStatusCounts(int NotStarted, int Queued, int Running, int Succeeded, int Failed, int Cancelled);

/// <param name="CoverThumbnailUrl">The thumbnail of the album's most recent photo; null for an empty album.</param>
public sealed record AlbumDto(
    Guid Id,
    string Name,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int PhotoCount,
    string? CoverThumbnailUrl,
    PhotoStatusCounts StatusCounts);
