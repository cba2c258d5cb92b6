using System.Net;
using System.Text.Json;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Client.Pages.Admin;
using RestoreWeb.Client.Tests.Support;

namespace RestoreWeb.Client.Tests.Pages.Admin;

public sealed class ModelsPageTests
{
    private const string ModelsPath = "/api/admin/models";

    private static IRenderedComponent<DialogHost> RenderPage(BunitContext ctx) =>
        ctx.Render<DialogHost>(p => p.AddChildContent<ModelsPage>());

    private static IRenderedComponent<DialogHost> RenderLoaded(BunitContext ctx)
    {
        var page = RenderPage(ctx);
        page.WaitForElement("[data-aliases]");
        return page;
    }

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<DialogHost> page, string version) =>
        page.Find($"[data-testid='model-row'][data-version='{version}']");

    private static JsonElement BodyOf(RecordedRequest request) => JsonDocument.Parse(request.Body).RootElement;

    private static void Comment(IRenderedComponent<DialogHost> page, string comment)
    {
        page.WaitForElement(".mud-dialog [data-testid='comment-input']").Input(comment);
        page.Find(".mud-dialog [data-testid='confirm-button']").Click();
    }

    [Fact]
    public async Task Lists_versions_with_status_aliases_scores_and_who_holds_each_alias()
    {
        var production = AdminDtos.Model("1.0.0", validation: AdminDtos.Passed(), aliases: [ModelAliasNames.Production], results: 12);
        var failed = AdminDtos.Model("1.1.0", "Failed", AdminDtos.Failed());
        var archived = AdminDtos.Model("0.9.0", "Archived", AdminDtos.Passed());
        var api = new FakeApi().OnGet(ModelsPath, new[] { failed, production, archived });
        await using var ctx = AdminTestContext.Create(api);

        var page = RenderLoaded(ctx);

        Assert.Equal(["1.1.0", "1.0.0", "0.9.0"], page.FindAll("[data-testid='model-row']").Select(r => r.GetAttribute("data-version")));
        Assert.Equal(["Failed", "Validated", "Archived"], page.FindAll("[data-model-status]").Select(c => c.TextContent.Trim()));
        Assert.Contains("mud-chip-color-success", Row(page, "1.0.0").QuerySelector("[data-model-status]")!.ClassName, StringComparison.Ordinal);
        Assert.Contains("mud-chip-color-error", Row(page, "1.1.0").QuerySelector("[data-model-status]")!.ClassName, StringComparison.Ordinal);
        Assert.Equal(["production"], Row(page, "1.0.0").QuerySelectorAll("[data-alias]").Select(a => a.TextContent.Trim()));
        string scores = Row(page, "1.0.0").QuerySelector("[data-scores]")!.TextContent.Replace(',', '.');
        Assert.Contains("22.50 dB", scores, StringComparison.Ordinal);
        Assert.Contains("26.25 dB", scores, StringComparison.Ordinal);
        Assert.Contains("0.845", scores, StringComparison.Ordinal);
        string facts = Row(page, "1.0.0").QuerySelector("[data-model-facts]")!.TextContent;
        Assert.Contains("trained", facts, StringComparison.Ordinal);
        Assert.Contains("compact", facts, StringComparison.Ordinal);
        Assert.Contains("50 MB", facts, StringComparison.Ordinal);
        Assert.Contains("12 restorations", facts, StringComparison.Ordinal);
        Assert.Contains("root@example.com", Row(page, "1.0.0").QuerySelector("[data-model-registered]")!.TextContent, StringComparison.Ordinal);

        Assert.Equal("starter 1.0.0", page.Find("[data-alias-holder='production']").TextContent.Trim());
        Assert.Equal("not set", page.Find("[data-alias-holder='candidate']").TextContent.Trim());
    }

    [Fact]
    public async Task Promotion_is_disabled_with_the_reason_for_versions_that_did_not_pass_validation()
    {
        var failed = AdminDtos.Model("1.1.0", "Failed", AdminDtos.Failed());
        var unvalidated = AdminDtos.Model("1.2.0", "Validated", validation: null);
        var production = AdminDtos.Model("1.0.0", validation: AdminDtos.Passed(), aliases: [ModelAliasNames.Production]);
        var api = new FakeApi().OnGet(ModelsPath, new[] { unvalidated, failed, production });
        await using var ctx = AdminTestContext.Create(api);

        var page = RenderLoaded(ctx);

        Assert.True(page.Find("[data-testid='promote-production-1.1.0']").HasAttribute("disabled"));
        Assert.True(page.Find("[data-testid='promote-candidate-1.1.0']").HasAttribute("disabled"));
        Assert.Contains("failed validation", Row(page, "1.1.0").QuerySelector("[data-promote-blocked]")!.TextContent, StringComparison.Ordinal);
        Assert.True(page.Find("[data-testid='promote-production-1.2.0']").HasAttribute("disabled"));
        Assert.Contains("not been validated", page.Find("[data-testid='promote-production-1.2.0']").GetAttribute("title"), StringComparison.Ordinal);
        // Already production: only the other alias can be given to it.
        Assert.True(page.Find("[data-testid='promote-production-1.0.0']").HasAttribute("disabled"));
        Assert.False(page.Find("[data-testid='promote-candidate-1.0.0']").HasAttribute("disabled"));
        Assert.Empty(Row(page, "1.0.0").QuerySelectorAll("[data-promote-blocked]"));
        // A version that serves cannot be deleted.
        Assert.True(page.Find("[data-testid='delete-1.0.0']").HasAttribute("disabled"));
        Assert.False(page.Find("[data-testid='delete-1.1.0']").HasAttribute("disabled"));
    }

    [Fact]
    public async Task The_validation_checks_expand_with_pass_and_fail_marks_and_details()
    {
        var failed = AdminDtos.Model("1.1.0", "Failed", AdminDtos.Failed());
        await using var ctx = AdminTestContext.Create(new FakeApi().OnGet(ModelsPath, new[] { failed }));
        var page = RenderLoaded(ctx);
        Assert.Empty(page.FindAll("[data-check]"));

        page.Find("[data-testid='details-1.1.0']").Click();

        var checks = page.FindAll("[data-check]");
        Assert.Equal(["hashes", "canary"], checks.Select(c => c.GetAttribute("data-check")));
        Assert.Equal(["true", "false"], checks.Select(c => c.GetAttribute("data-check-passed")));
        Assert.Equal("The canary photo came out black.", page.Find("[data-check='canary'] [data-check-detail]").TextContent.Trim());
        Assert.Equal("failed", page.Find("[data-validation]").GetAttribute("data-validation"));
    }

    [Fact]
    public async Task No_versions_shows_an_empty_state()
    {
        await using var ctx = AdminTestContext.Create(new FakeApi().OnGet(ModelsPath, Array.Empty<AdminModelVersionDto>()));

        var page = RenderLoaded(ctx);

        Assert.Contains("No model versions yet", page.Find("[data-empty-state]").TextContent, StringComparison.Ordinal);
        Assert.Equal("not set", page.Find("[data-alias-holder='production']").TextContent.Trim());
    }

    [Fact]
    public async Task Promoting_refuses_an_empty_comment_then_posts_alias_and_comment_and_shows_the_moved_alias()
    {
        var current = AdminDtos.Model("1.0.0", validation: AdminDtos.Passed(), aliases: [ModelAliasNames.Production]);
        var next = AdminDtos.Model("1.1.0", validation: AdminDtos.Passed());
        AdminModelVersionDto[] listed = [next, current];
        var api = new FakeApi()
            .On(HttpMethod.Get, ModelsPath, _ => FakeApi.Json(listed))
            .On(HttpMethod.Post, $"{ModelsPath}/{next.Id}/promote", _ =>
            {
                listed = [next with { Aliases = [ModelAliasNames.Production] }, current with { Aliases = [] }];
                return FakeApi.Json(AdminDtos.Audit("promote", ModelAliasNames.Production, "1.0.0", "1.1.0", "Sharper faces"));
            });
        await using var ctx = AdminTestContext.Create(api);
        var page = RenderLoaded(ctx);

        page.Find("[data-testid='promote-production-1.1.0']").Click();
        Comment(page, "   ");

        page.WaitForAssertion(() => Assert.Contains("Write a comment", page.Find(".mud-dialog").TextContent, StringComparison.Ordinal));
        Assert.Empty(api.RequestsTo(HttpMethod.Post, $"{ModelsPath}/{next.Id}/promote"));

        Comment(page, "  Sharper faces ");

        page.WaitForAssertion(() => Assert.Equal(["production"], Row(page, "1.1.0").QuerySelectorAll("[data-alias]").Select(a => a.TextContent.Trim())));
        Assert.Empty(page.FindAll(".mud-dialog"));
        var post = Assert.Single(api.RequestsTo(HttpMethod.Post, $"{ModelsPath}/{next.Id}/promote"));
        Assert.Equal("application/json", post.ContentType);
        Assert.Equal("production", BodyOf(post).GetProperty("alias").GetString());
        Assert.Equal("Sharper faces", BodyOf(post).GetProperty("comment").GetString());
        Assert.Empty(Row(page, "1.0.0").QuerySelectorAll("[data-alias]"));
        Assert.Equal("starter 1.1.0", page.Find("[data-alias-holder='production']").TextContent.Trim());
        Assert.Contains("production is now 1.1.0.", ctx.Snackbars(Severity.Success));
    }

    [Fact]
    public async Task Cancelling_the_promote_dialog_sends_nothing()
    {
        var next = AdminDtos.Model("1.1.0", validation: AdminDtos.Passed());
        var api = new FakeApi().OnGet(ModelsPath, new[] { next });
        await using var ctx = AdminTestContext.Create(api);
        var page = RenderLoaded(ctx);

        page.Find("[data-testid='promote-candidate-1.1.0']").Click();
        page.WaitForElement(".mud-dialog [data-testid='comment-input']").Input("not now");
        page.Find(".mud-dialog [data-testid='cancel-button']").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-dialog")));
        Assert.DoesNotContain(api.Requests, r => r.Method == HttpMethod.Post);
    }

    [Fact]
    public async Task A_refused_promotion_shows_the_servers_reason()
    {
        var next = AdminDtos.Model("1.1.0", validation: AdminDtos.Passed());
        var api = new FakeApi()
            .OnGet(ModelsPath, new[] { next })
            .On(HttpMethod.Post, $"{ModelsPath}/{next.Id}/promote", _ => FakeApi.Problem(HttpStatusCode.BadRequest, "The package could not be loaded: missing restore.onnx."));
        await using var ctx = AdminTestContext.Create(api);
        var page = RenderLoaded(ctx);

        page.Find("[data-testid='promote-candidate-1.1.0']").Click();
        Comment(page, "Try it");

        page.WaitForAssertion(() => Assert.Contains("The package could not be loaded: missing restore.onnx.", ctx.Snackbars(Severity.Error)));
        Assert.Empty(Row(page, "1.1.0").QuerySelectorAll("[data-alias]"));
    }

    [Fact]
    public async Task Rolling_back_posts_the_comment_to_the_alias_and_reloads()
    {
        var previous = AdminDtos.Model("1.0.0", validation: AdminDtos.Passed());
        var current = AdminDtos.Model("1.1.0", validation: AdminDtos.Passed(), aliases: [ModelAliasNames.Production]);
        AdminModelVersionDto[] listed = [current, previous];
        var api = new FakeApi()
            .On(HttpMethod.Get, ModelsPath, _ => FakeApi.Json(listed))
            .On(HttpMethod.Post, "/api/admin/aliases/production/rollback", _ =>
            {
                listed = [current with { Aliases = [] }, previous with { Aliases = [ModelAliasNames.Production] }];
                return FakeApi.Json(AdminDtos.Audit("rollback", ModelAliasNames.Production, "1.1.0", "1.0.0", "Faces too smooth"));
            });
        await using var ctx = AdminTestContext.Create(api);
        var page = RenderLoaded(ctx);

        page.Find("[data-testid='rollback-production']").Click();
        page.WaitForAssertion(() => Assert.Contains("points at starter 1.1.0", page.Find(".mud-dialog [data-dialog-message]").TextContent, StringComparison.Ordinal));
        Comment(page, "Faces too smooth");

        page.WaitForAssertion(() => Assert.Equal("starter 1.0.0", page.Find("[data-alias-holder='production']").TextContent.Trim()));
        var post = Assert.Single(api.RequestsTo(HttpMethod.Post, "/api/admin/aliases/production/rollback"));
        Assert.Equal("Faces too smooth", BodyOf(post).GetProperty("comment").GetString());
        Assert.Equal(2, api.RequestsTo(HttpMethod.Get, ModelsPath).Count);
        Assert.Contains("production is back on 1.0.0.", ctx.Snackbars(Severity.Success));
    }

    [Fact]
    public async Task A_rollback_without_a_previous_version_shows_the_servers_reason()
    {
        var api = new FakeApi()
            .OnGet(ModelsPath, new[] { AdminDtos.Model("1.0.0", validation: AdminDtos.Passed()) })
            .On(HttpMethod.Post, "/api/admin/aliases/candidate/rollback", _ => FakeApi.Problem(HttpStatusCode.BadRequest, "candidate has no previous version."));
        await using var ctx = AdminTestContext.Create(api);
        var page = RenderLoaded(ctx);

        page.Find("[data-testid='rollback-candidate']").Click();
        Comment(page, "Undo");

        page.WaitForAssertion(() => Assert.Contains("candidate has no previous version.", ctx.Snackbars(Severity.Error)));
        Assert.False(page.Find("[data-testid='rollback-candidate']").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Uploading_a_package_posts_it_as_the_package_field_and_shows_the_validation_result()
    {
        var existing = AdminDtos.Model("1.0.0", validation: AdminDtos.Passed(), aliases: [ModelAliasNames.Production]);
        var registered = AdminDtos.Model("2.0.0", validation: AdminDtos.Passed());
        var api = new FakeApi()
            .OnGet(ModelsPath, new[] { existing })
            .On(HttpMethod.Post, ModelsPath, _ => FakeApi.Json(new ModelRegistrationDto(registered, false), HttpStatusCode.Created));
        await using var ctx = AdminTestContext.Create(api);
        var page = RenderLoaded(ctx);

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(new byte[150_000], "starter-2.0.0.zip", contentType: "application/zip"));

        page.WaitForElement("[data-registration-result]");
        Assert.Contains("Registered starter 2.0.0: Validated.", page.Find("[data-registration-summary]").TextContent, StringComparison.Ordinal);
        Assert.Equal("passed", page.Find("[data-registration-result] ~ div [data-validation]").GetAttribute("data-validation"));
        Assert.Equal(["2.0.0", "1.0.0"], page.FindAll("[data-testid='model-row']").Select(r => r.GetAttribute("data-version")));
        Assert.Empty(page.FindAll("[data-registering]"));

        var post = Assert.Single(api.RequestsTo(HttpMethod.Post, ModelsPath));
        Assert.Equal("multipart/form-data", post.ContentType);
        Assert.Contains("name=package", post.BodyText, StringComparison.Ordinal);
        Assert.Contains("filename=starter-2.0.0.zip", post.BodyText, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/zip", post.BodyText, StringComparison.Ordinal);
        Assert.True(post.Body.Length > 150_000);
    }

    [Fact]
    public async Task While_the_server_validates_the_page_says_so_and_takes_no_other_package()
    {
        var answer = new TaskCompletionSource<HttpResponseMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        var same = AdminDtos.Model("1.0.0", "Failed", AdminDtos.Failed());
        var api = new FakeApi()
            .OnGet(ModelsPath, new[] { same })
            .On(HttpMethod.Post, ModelsPath, _ => answer.Task);
        await using var ctx = AdminTestContext.Create(api);
        var page = RenderLoaded(ctx);

        var input = page.FindComponent<InputFile>();
        var upload = Task.Run(() => input.UploadFiles(InputFileContent.CreateFromBinary(new byte[10_000], "again.zip")));

        page.WaitForAssertion(() => Assert.Contains("Validating again.zip", page.Find("[data-registering]").TextContent, StringComparison.Ordinal));
        Assert.True(page.Find("[data-testid='upload-package-button']").HasAttribute("disabled"));

        answer.SetResult(FakeApi.Json(new ModelRegistrationDto(same, AlreadyRegistered: true)));
        await upload;

        page.WaitForAssertion(() => Assert.Contains("registered before", page.Find("[data-registration-summary]").TextContent, StringComparison.Ordinal));
        Assert.Single(page.FindAll("[data-testid='model-row']"));
        Assert.False(page.Find("[data-testid='upload-package-button']").HasAttribute("disabled"));
        Assert.Equal("failed", page.Find("[data-registration-result] ~ div [data-validation]").GetAttribute("data-validation"));
    }

    [Fact]
    public async Task A_file_that_is_not_a_zip_is_refused_without_asking_the_server()
    {
        var api = new FakeApi().OnGet(ModelsPath, Array.Empty<AdminModelVersionDto>());
        await using var ctx = AdminTestContext.Create(api);
        var page = RenderLoaded(ctx);

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("not a model", "notes.txt"));

        page.WaitForAssertion(() => Assert.Contains("notes.txt is not a .zip model package.", ctx.Snackbars(Severity.Warning)));
        Assert.Empty(api.RequestsTo(HttpMethod.Post, ModelsPath));
    }

    [Fact]
    public async Task Revalidating_replaces_the_version_with_the_new_result()
    {
        var broken = AdminDtos.Model("1.1.0", "Failed", AdminDtos.Failed());
        var api = new FakeApi()
            .OnGet(ModelsPath, new[] { broken })
            .On(HttpMethod.Post, $"{ModelsPath}/{broken.Id}/validate", _ => FakeApi.Json(broken with { Status = "Validated", Validation = AdminDtos.Passed() }));
        await using var ctx = AdminTestContext.Create(api);
        var page = RenderLoaded(ctx);

        page.Find("[data-testid='validate-1.1.0']").Click();

        page.WaitForAssertion(() => Assert.Equal("Validated", Row(page, "1.1.0").QuerySelector("[data-model-status]")!.TextContent.Trim()));
        Assert.False(page.Find("[data-testid='promote-production-1.1.0']").HasAttribute("disabled"));
        Assert.Single(api.RequestsTo(HttpMethod.Post, $"{ModelsPath}/{broken.Id}/validate"));
    }

    [Fact]
    public async Task Archiving_asks_for_a_comment_and_posts_it()
    {
        var old = AdminDtos.Model("0.9.0", validation: AdminDtos.Passed(), results: 3);
        var api = new FakeApi()
            .OnGet(ModelsPath, new[] { old })
            .On(HttpMethod.Post, $"{ModelsPath}/{old.Id}/archive", _ => FakeApi.Json(old with { Status = "Archived" }));
        await using var ctx = AdminTestContext.Create(api);
        var page = RenderLoaded(ctx);

        page.Find("[data-testid='archive-0.9.0']").Click();
        Comment(page, "Superseded by 1.0.0");

        page.WaitForAssertion(() => Assert.Equal("Archived", Row(page, "0.9.0").QuerySelector("[data-model-status]")!.TextContent.Trim()));
        var post = Assert.Single(api.RequestsTo(HttpMethod.Post, $"{ModelsPath}/{old.Id}/archive"));
        Assert.Equal("Superseded by 1.0.0", BodyOf(post).GetProperty("comment").GetString());
        Assert.True(page.Find("[data-testid='archive-0.9.0']").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Deleting_asks_first_removes_the_version_and_reports_a_conflict_with_the_servers_words()
    {
        var unused = AdminDtos.Model("0.1.0", "Failed", AdminDtos.Failed());
        var referenced = AdminDtos.Model("0.2.0", "Failed", AdminDtos.Failed());
        var api = new FakeApi()
            .OnGet(ModelsPath, new[] { unused, referenced })
            .On(HttpMethod.Delete, $"{ModelsPath}/{unused.Id}", _ => new HttpResponseMessage(HttpStatusCode.NoContent))
            .On(HttpMethod.Delete, $"{ModelsPath}/{referenced.Id}", _ => FakeApi.Problem(HttpStatusCode.Conflict, "Results still reference 0.2.0."));
        await using var ctx = AdminTestContext.Create(api);
        var page = RenderLoaded(ctx);

        page.Find("[data-testid='delete-0.1.0']").Click();
        page.WaitForAssertion(() => page.FindAll(".mud-dialog button").First(b => b.TextContent.Trim() == "Delete").Click());
        page.WaitForAssertion(() => Assert.Equal(["0.2.0"], page.FindAll("[data-testid='model-row']").Select(r => r.GetAttribute("data-version"))));

        page.Find("[data-testid='delete-0.2.0']").Click();
        page.WaitForAssertion(() => page.FindAll(".mud-dialog button").First(b => b.TextContent.Trim() == "Delete").Click());
        page.WaitForAssertion(() => Assert.Contains("Results still reference 0.2.0.", ctx.Snackbars(Severity.Error)));
        Assert.Single(page.FindAll("[data-testid='model-row']"));
    }

    [Fact]
    public async Task A_failed_load_shows_the_servers_reason()
    {
        var api = new FakeApi().On(HttpMethod.Get, ModelsPath, _ => FakeApi.Problem(HttpStatusCode.Forbidden, "Only administrators can see this."));
        await using var ctx = AdminTestContext.Create(api);

        var page = RenderPage(ctx);

        page.WaitForAssertion(() => Assert.Equal("Only administrators can see this.", page.Find("[data-error]").TextContent.Trim()));
    }
}
