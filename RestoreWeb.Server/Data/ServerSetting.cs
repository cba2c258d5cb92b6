namespace RestoreWeb.Server.Data;

/// <summary>A switch every process must see the same way (e.g. the restore queue paused), so it lives in the database.</summary>
public sealed class ServerSetting
{
    public const string RestoreQueuePaused = "queue.restore.paused";

    public required string Key { get; set; }

    public required string Value { get; set; }

    public DateTime UpdatedAt { get; set; }
}
