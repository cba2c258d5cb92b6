namespace RestoreWeb.Server.Data;

/// <summary>A bearer token for scripts acting as an account (the training CLI's register command). Only its hash is stored.</summary>
public sealed class ApiToken
{
    public const int MaxNameLength = 100;

    public Guid Id { get; set; }

    public required string UserId { get; set; }

    public required string Name { get; set; }

    /// <summary>Lower-case hex SHA-256 of the token: the token has 256 random bits, so a fast hash is enough.</summary>
    public required string TokenHash { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? LastUsedAt { get; set; }
}
