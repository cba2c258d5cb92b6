using RestoreWeb.Client.Contracts;
using RestoreWeb.Client.Tests.Support;

namespace RestoreWeb.Client.Tests.Pages.Admin;

/// <summary>Admin DTOs as the server sends them, with only what a test cares about spelled out.</summary>
internal static class AdminDtos
{
    public static ValidationReportDto Passed() => new(true, Dtos.T0, "CPU",
        [
            new ValidationCheckDto("hashes", true, "Every file matches its SHA-256.", 0.1),
            new ValidationCheckDto("load", true, "Loaded on CPU.", 1.5),
            new ValidationCheckDto("evaluation", true, "Better than the input on 8 images.", 12.0),
        ],
        new EvaluationScoresDto(22.5, 0.712, 26.25, 0.845, 8));

    public static ValidationReportDto Failed() => new(false, Dtos.T0, "CPU",
        [
            new ValidationCheckDto("hashes", true, "Every file matches its SHA-256.", 0.1),
            new ValidationCheckDto("canary", false, "The canary photo came out black.", 2.0),
        ],
        null);

    public static AdminModelVersionDto Model(
        string version, string status = "Validated", ValidationReportDto? validation = null, string[]? aliases = null, int results = 0, string name = "starter") =>
        new(Guid.NewGuid(), name, version, new string('b', 64), 52_428_800, status, "trained", "compact", "root@example.com", Dtos.T0,
            aliases ?? [], new Dictionary<string, double> { ["psnr"] = 26.1 }, validation, results);

    public static AuditEntryDto Audit(string action, string? alias, string? from, string? to, string comment, long id = 1) =>
        new(id, Dtos.T0.AddMinutes(id), "root@example.com", action, alias, from is null ? null : Guid.NewGuid(), from, to is null ? null : Guid.NewGuid(), to, comment);

    public static QueueOverviewDto Queue(bool paused, int queued = 3, int failed = 2) => new(
        new Dictionary<string, int> { ["Succeeded"] = 10, ["Queued"] = queued, ["Failed"] = failed, ["Running"] = 1 },
        paused, "/hangfire",
        [new VersionJobCountDto(Guid.NewGuid(), "starter 1.0.0", queued, 1, 10, failed)]);

    public static AdminUserDto User(string id, string email, bool admin = false, bool disabled = false, long? quota = null) =>
        new(id, email, admin ? [RoleNames.Member, RoleNames.Admin] : [RoleNames.Member], disabled, quota, quota ?? 1024L * 1024 * 1024,
            256L * 1024 * 1024, 42, Dtos.T0);
}
