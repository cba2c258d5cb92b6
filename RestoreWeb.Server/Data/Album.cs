namespace RestoreWeb.Server.Data;

public sealed class Album
{
    public const int MaxNameLength = 200;

    public Guid Id { get; set; }

    public required string OwnerId { get; set; }

    public required string Name { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public List<Photo> Photos { get; } = [];
}
