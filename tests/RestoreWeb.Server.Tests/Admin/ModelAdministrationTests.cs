using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Server.Jobs;
using RestoreWeb.Server.Tests.Support;

namespace RestoreWeb.Server.Tests.Admin;

/// <summary>A fresh server per class (no worker: jobs stay queued unless a test runs them) with its first account, an administrator.</summary>
public sealed class ModelAdminServerFactory : QueueOnlyServerFactory, IAsyncLifetime
{
    public ApiClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Admin = NewClient();
        await Admin.RegisterAsync(ApiClient.NewEmail("admin"));
    }

    Task IAsyncLifetime.DisposeAsync()
    {
        Admin.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class ModelAdministrationTests(ModelAdminServerFactory server) : IClassFixture<ModelAdminServerFactory>
{
    private ApiClient Admin => server.Admin;

    [Fact]
    public async Task A_registered_package_passes_the_validation_gate_with_every_check_reported_and_a_duplicate_is_recognised()
    {
        var model = await Admin.RegisterPackageAsync(TestPackages.Version("0.5.0"), "tiny-0.5.0.zip");

        Assert.Equal("Validated", model.Status);
        Assert.Equal(("tiny-random", "0.5.0", "trained", "test-tiny"), (model.Name, model.Version, model.Source, model.Preset));
        Assert.Empty(model.Aliases);
        var validation = model.Validation!;
        Assert.True(validation.Passed);
        Assert.Equal(["package", "load", "canary", "evaluation"], validation.Checks.Select(c => c.Name));
        Assert.All(validation.Checks, c => Assert.True(c.Passed, c.Detail));
        Assert.Equal("CPU", validation.ExecutionProvider);
        Assert.Equal(6, validation.Scores!.Images);
        Assert.InRange(validation.Scores.InputPsnr, 15, 40);
        Assert.True(double.IsFinite(validation.Scores.ModelPsnr));
        Assert.Contains("quality and scratch mode", validation.Checks[2].Detail, StringComparison.Ordinal);

        using var again = await Admin.PostPackageAsync(TestPackages.Version("0.5.0"), "copy.zip");
        var duplicate = await Admin.ExpectAsync<ModelRegistrationDto>(again, HttpStatusCode.OK);
        Assert.True(duplicate.AlreadyRegistered);
        Assert.Equal(model.Id, duplicate.Model.Id);
        Assert.Single(await Admin.ModelsAsync(), m => m.Version == "0.5.0");
        Assert.Contains(await Admin.AuditAsync(), e => e.Action == "register" && e.ToVersionId == model.Id && e.Actor.StartsWith("admin-", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("corrupt", "not a zip")]
    [InlineData("hash", "SHA-256")]
    [InlineData("signature", "signature")]
    [InlineData("preset", "preset 'mystery'")]
    public async Task A_bad_package_is_refused_with_its_reason_and_nothing_is_half_registered(string kind, string expected)
    {
        byte[] package = kind switch
        {
            "corrupt" => "PK this is not a zip archive at all"u8.ToArray(),
            "hash" => TestPackages.Tampered(),
            "signature" => TestPackages.WrongSignature(),
            _ => TestPackages.WithPreset("mystery"),
        };
        int versionsBefore = (await Admin.ModelsAsync()).Length;
        var blobsBefore = await server.BlobNamesAsync("models/");

        using var response = await Admin.PostPackageAsync(package, $"{kind}.zip");

        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(expected, problem.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(versionsBefore, (await Admin.ModelsAsync()).Length);
        Assert.Equal(blobsBefore, await server.BlobNamesAsync("models/"));
    }

    [Fact]
    public async Task Promote_and_roll_back_move_the_alias_need_a_comment_and_are_written_to_the_audit_log()
    {
        var original = await Admin.ProductionAsync();
        var next = await Admin.RegisterPackageAsync(TestPackages.Version("0.6.0"));

        using (var noComment = await Admin.PromoteAsync(next.Id, ModelAliasNames.Production, "  "))
        {
            Assert.Contains("comment is required", (await ApiClient.ProblemAsync(noComment, HttpStatusCode.BadRequest)).Detail, StringComparison.Ordinal);
        }
        using (var unknownAlias = await Admin.PromoteAsync(next.Id, "staging", "why not"))
        {
            Assert.Contains("Unknown alias 'staging'", (await ApiClient.ProblemAsync(unknownAlias, HttpStatusCode.BadRequest)).Detail, StringComparison.Ordinal);
        }
        Assert.Equal(original.Id, (await Admin.ProductionAsync()).Id);

        using (var promoted = await Admin.PromoteAsync(next.Id, ModelAliasNames.Production, "Sharper faces in the canary"))
        {
            var entry = await Admin.ExpectAsync<AuditEntryDto>(promoted, HttpStatusCode.OK);
            Assert.Equal(("promote", "production", original.Id, next.Id, "Sharper faces in the canary"), (entry.Action, entry.Alias, entry.FromVersionId, entry.ToVersionId, entry.Comment));
        }
        Assert.Equal(next.Id, (await Admin.ProductionAsync()).Id);
        using (var member = server.NewClient())
        {
            await member.RegisterAsync();
            Assert.Equal("0.6.0", (await member.Http.GetFromJsonAsync<ModelVersionDto>("/api/models/production"))!.Version);
        }

        using (var rolledBack = await Admin.RollbackAsync(ModelAliasNames.Production, "Colours drift on sepia scans"))
        {
            var entry = await Admin.ExpectAsync<AuditEntryDto>(rolledBack, HttpStatusCode.OK);
            Assert.Equal(("rollback", next.Id, original.Id), (entry.Action, entry.FromVersionId, entry.ToVersionId));
        }
        Assert.Equal(original.Id, (await Admin.ProductionAsync()).Id);

        using (var nothingBefore = await Admin.RollbackAsync(ModelAliasNames.Production, "again"))
        {
            Assert.Contains("no previous version", (await ApiClient.ProblemAsync(nothingBefore, HttpStatusCode.BadRequest)).Detail, StringComparison.Ordinal);
        }
        using (var noCandidateHistory = await Admin.RollbackAsync(ModelAliasNames.Candidate, "nothing there"))
        {
            await ApiClient.ProblemAsync(noCandidateHistory, HttpStatusCode.BadRequest);
        }

        var audit = await Admin.AuditAsync();
        var moves = audit.Where(e => e.Alias == "production").Reverse().Select(e => (e.Action, e.FromVersion, e.ToVersion)).ToList();
        Assert.Equal(
            [("promote", null, "tiny-random 0.1.0"), ("promote", "tiny-random 0.1.0", "tiny-random 0.6.0"), ("rollback", "tiny-random 0.6.0", "tiny-random 0.1.0")],
            moves.TakeLast(3).Select(m => (m.Action, m.FromVersion, m.ToVersion)));
        Assert.Equal("default package", audit.Last(e => e.Alias == "production").Actor);
    }

    [Fact]
    public async Task A_candidate_alias_is_independent_of_production()
    {
        var candidate = await Admin.RegisterPackageAsync(TestPackages.Version("0.7.0"));
        var production = await Admin.ProductionAsync();

        using (var promoted = await Admin.PromoteAsync(candidate.Id, ModelAliasNames.Candidate, "Try it on the club's scans"))
        {
            Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        }

        var models = await Admin.ModelsAsync();
        Assert.Equal(["candidate"], models.Single(m => m.Id == candidate.Id).Aliases);
        Assert.Equal(production.Id, (await Admin.ProductionAsync()).Id);
        using var twice = await Admin.PromoteAsync(candidate.Id, ModelAliasNames.Candidate, "again");
        Assert.Contains("already points at", (await ApiClient.ProblemAsync(twice, HttpStatusCode.Conflict)).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_version_with_results_or_an_alias_can_be_archived_only_when_free_and_never_deleted_while_referenced()
    {
        var production = await Admin.ProductionAsync();
        using (var archiveProduction = await Admin.Http.PostAsJsonAsync($"/api/admin/models/{production.Id}/archive", new ArchiveRequest("old")))
        {
            Assert.Contains("production", (await ApiClient.ProblemAsync(archiveProduction, HttpStatusCode.Conflict)).Detail, StringComparison.Ordinal);
        }
        using (var deleteProduction = await Admin.Http.DeleteAsync(new Uri($"/api/admin/models/{production.Id}", UriKind.Relative)))
        {
            await ApiClient.ProblemAsync(deleteProduction, HttpStatusCode.Conflict);
        }

        // A version that restored a photo: jobs refer to it, so it may be archived but not deleted.
        var used = await Admin.RegisterPackageAsync(TestPackages.Version("0.8.0"));
        Assert.Equal(HttpStatusCode.OK, (await Admin.PromoteAsync(used.Id, ModelAliasNames.Production, "for a photo")).StatusCode);
        var album = await Admin.CreateAlbumAsync();
        var photo = await Admin.UploadPhotoAsync(album.Id, "used.png", TestImages.Png(40, 32, seed: 80));
        Assert.Equal("0.8.0", photo.LatestJob!.ModelVersion);
        Assert.Equal(HttpStatusCode.OK, (await Admin.RollbackAsync(ModelAliasNames.Production, "back")).StatusCode);

        using (var deleteUsed = await Admin.Http.DeleteAsync(new Uri($"/api/admin/models/{used.Id}", UriKind.Relative)))
        {
            Assert.Contains("archive it instead", (await ApiClient.ProblemAsync(deleteUsed, HttpStatusCode.Conflict)).Detail, StringComparison.Ordinal);
        }
        using (var archived = await Admin.Http.PostAsJsonAsync($"/api/admin/models/{used.Id}/archive", new ArchiveRequest("superseded")))
        {
            Assert.Equal("Archived", (await Admin.ExpectAsync<AdminModelVersionDto>(archived, HttpStatusCode.OK)).Status);
        }
        using (var promoteArchived = await Admin.PromoteAsync(used.Id, ModelAliasNames.Production, "bring it back"))
        {
            Assert.Contains("archived", (await ApiClient.ProblemAsync(promoteArchived, HttpStatusCode.BadRequest)).Detail, StringComparison.Ordinal);
        }

        // A version nothing refers to is deleted with its package.
        var unused = await Admin.RegisterPackageAsync(TestPackages.Version("0.9.0"));
        Assert.Contains($"models/{unused.Sha256}.zip", await server.BlobNamesAsync("models/"));
        using (var deleted = await Admin.Http.DeleteAsync(new Uri($"/api/admin/models/{unused.Id}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        Assert.DoesNotContain(await Admin.ModelsAsync(), m => m.Id == unused.Id);
        Assert.DoesNotContain($"models/{unused.Sha256}.zip", await server.BlobNamesAsync("models/"));
        var audit = await Admin.AuditAsync();
        Assert.Contains(audit, e => e.Action == "delete" && e.FromVersion == "tiny-random 0.9.0");
        Assert.Contains(audit, e => e.Action == "archive" && e.FromVersionId == used.Id && e.Comment == "superseded");
    }

    [Fact]
    public async Task A_job_created_before_a_promotion_finishes_on_its_pinned_version_and_new_jobs_use_the_new_one()
    {
        var before = await Admin.ProductionAsync();
        var album = await Admin.CreateAlbumAsync();
        var early = await Admin.UploadPhotoAsync(album.Id, "early.png", TestImages.Png(48, 40, seed: 90));
        var next = await Admin.RegisterPackageAsync(TestPackages.Version("0.10.0"));

        // The job starts (this server has no worker of its own), and the promotion happens while it runs.
        var runner = server.Services.GetRequiredService<RestorationJobRunner>();
        var running = runner.RunAsync(early.LatestJob!.Id, CancellationToken.None);
        using (var promoted = await Admin.PromoteAsync(next.Id, ModelAliasNames.Production, "hot swap"))
        {
            Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        }
        await running;

        var finished = await Admin.GetJobAsync(early.LatestJob.Id);
        Assert.Equal(JobState.Succeeded, finished.State);
        Assert.Equal(before.Version, finished.ModelVersion);
        var late = await Admin.UploadPhotoAsync(album.Id, "late.png", TestImages.Png(48, 40, seed: 91));
        Assert.Equal("0.10.0", late.LatestJob!.ModelVersion);
        Assert.Equal(HttpStatusCode.OK, (await Admin.RollbackAsync(ModelAliasNames.Production, "restore the default for other tests")).StatusCode);
    }

    [Fact]
    public async Task Compare_restores_the_built_in_samples_with_a_version_once_and_serves_the_cached_picture_after()
    {
        var samples = (await Admin.Http.GetFromJsonAsync<CompareSampleDto[]>("/api/admin/compare/samples"))!;
        Assert.Equal(6, samples.Length);
        Assert.All(samples, s => Assert.Equal((192, 192), (s.Width, s.Height)));
        var production = await Admin.ProductionAsync();

        byte[] original = await Admin.GetBytesAsync($"/api/admin/compare/samples/{samples[0].Name}/original.png");
        byte[] restored = await Admin.GetBytesAsync($"/api/admin/compare/samples/{samples[0].Name}/versions/{production.Id}.png");
        Assert.Equal((192, 192), TestImages.SizeOf(original));
        Assert.Equal((192, 192), TestImages.SizeOf(restored));
        Assert.NotEqual(original, restored);
        Assert.Contains($"previews/samples/{samples[0].Name}/{production.Id:N}.inputtone.png", await server.BlobNamesAsync("previews/"));
        Assert.Equal(restored, await Admin.GetBytesAsync($"/api/admin/compare/samples/{samples[0].Name}/versions/{production.Id}.png"));

        var album = await Admin.CreateAlbumAsync();
        var photo = await Admin.UploadPhotoAsync(album.Id, "wide.jpg", TestImages.Jpeg(1000, 500, seed: 92));
        byte[] preview = await Admin.GetBytesAsync($"/api/admin/compare/photos/{photo.Id}/original.png");
        Assert.Equal((768, 384), TestImages.SizeOf(preview));
        Assert.Equal((768, 384), TestImages.SizeOf(await Admin.GetBytesAsync($"/api/admin/compare/photos/{photo.Id}/versions/{production.Id}.png")));

        using var missing = await Admin.Http.GetAsync(new Uri($"/api/admin/compare/samples/no-such-sample/versions/{production.Id}.png", UriKind.Relative));
        await ApiClient.ProblemAsync(missing, HttpStatusCode.NotFound);
    }
}
