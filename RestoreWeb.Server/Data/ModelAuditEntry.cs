namespace RestoreWeb.Server.Data;

/// <summary>One administrative act on model versions; alias moves are replayed from these rows to find what a rollback returns to.</summary>
public sealed class ModelAuditEntry
{
    public const int MaxCommentLength = 2000;

    public long Id { get; set; }

    public DateTime At { get; set; }

    /// <summary>The administrator's e-mail, or the system part that acted ("default package", "import folder").</summary>
    public required string Actor { get; set; }

    public required string Action { get; set; }

    public string? Alias { get; set; }

    public Guid? FromVersionId { get; set; }

    /// <summary>"name version" of the from-version, kept so that the log still reads after a version is deleted.</summary>
    public string? FromVersion { get; set; }

    public Guid? ToVersionId { get; set; }

    public string? ToVersion { get; set; }

    public required string Comment { get; set; }
}

/// <summary>The actions of the audit log.</summary>
public static class ModelAuditActions
{
    public const string Register = "register";
    public const string Validate = "validate";
    public const string Promote = "promote";
    public const string Rollback = "rollback";
    public const string Archive = "archive";
    public const string Delete = "delete";
}
