using RestoreWeb.Server.Data;

namespace RestoreWeb.Server.Models;

public static class ModelAudit
{
    public const string DefaultPackageActor = "default package";
    public const string ImportFolderActor = "import folder";

    public static string Label(ModelVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return $"{version.Name} {version.Version}";
    }

    public static ModelAuditEntry Entry(DateTime at, string actor, string action, string? alias, ModelVersion? from, ModelVersion? to, string comment) => new()
    {
        At = at,
        Actor = actor,
        Action = action,
        Alias = alias,
        FromVersionId = from?.Id,
        FromVersion = from is null ? null : Label(from),
        ToVersionId = to?.Id,
        ToVersion = to is null ? null : Label(to),
        Comment = comment,
    };
}
