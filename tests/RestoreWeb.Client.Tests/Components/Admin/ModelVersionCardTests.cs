using Bunit;
using RestoreWeb.Client.Components.Admin;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Client.Tests.Pages.Admin;

namespace RestoreWeb.Client.Tests.Components.Admin;

public sealed class ModelVersionCardTests
{
    [Fact]
    public void Only_a_version_that_passed_validation_can_take_an_alias_it_does_not_hold()
    {
        var passed = AdminDtos.Model("1.0.0", validation: AdminDtos.Passed(), aliases: [ModelAliasNames.Candidate]);

        Assert.Null(ModelVersionCard.PromoteBlockReason(passed, ModelAliasNames.Production));
        Assert.Contains("already", ModelVersionCard.PromoteBlockReason(passed, ModelAliasNames.Candidate), StringComparison.Ordinal);
        Assert.Contains("failed validation",
            ModelVersionCard.PromoteBlockReason(AdminDtos.Model("1.1.0", "Failed", AdminDtos.Failed()), ModelAliasNames.Production), StringComparison.Ordinal);
        Assert.Contains("not been validated",
            ModelVersionCard.PromoteBlockReason(AdminDtos.Model("1.2.0", validation: null), ModelAliasNames.Candidate), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Its_buttons_raise_the_pages_actions_with_the_alias_chosen()
    {
        await using var ctx = MudTestContext.Create();
        var model = AdminDtos.Model("1.0.0", validation: AdminDtos.Passed());
        var acts = new List<string>();

        var card = ctx.Render<ModelVersionCard>(p => p
            .Add(c => c.Model, model)
            .Add(c => c.OnPromote, alias => acts.Add("promote " + alias))
            .Add(c => c.OnValidate, () => acts.Add("validate"))
            .Add(c => c.OnArchive, () => acts.Add("archive"))
            .Add(c => c.OnDelete, () => acts.Add("delete")));
        card.Find("[data-testid='promote-candidate-1.0.0']").Click();
        card.Find("[data-testid='promote-production-1.0.0']").Click();
        card.Find("[data-testid='validate-1.0.0']").Click();
        card.Find("[data-testid='archive-1.0.0']").Click();
        card.Find("[data-testid='delete-1.0.0']").Click();

        Assert.Equal(["promote candidate", "promote production", "validate", "archive", "delete"], acts);
    }

    [Fact]
    public async Task While_busy_every_action_waits()
    {
        await using var ctx = MudTestContext.Create();

        var card = ctx.Render<ModelVersionCard>(p => p.Add(c => c.Model, AdminDtos.Model("1.0.0", validation: AdminDtos.Passed())).Add(c => c.Busy, true));

        Assert.NotNull(card.Find("[data-busy]"));
        Assert.All(card.FindAll("button[data-testid^='promote-'], button[data-testid^='validate-'], button[data-testid^='archive-'], button[data-testid^='delete-']"),
            b => Assert.True(b.HasAttribute("disabled")));
    }

    [Theory]
    [InlineData(512, "512 B")]
    [InlineData(52_428_800, "50 MB")]
    [InlineData(1_073_741_824, "1 GB")]
    public void Sizes_read_in_binary_units_as_the_servers_messages_do(long bytes, string expected) =>
        Assert.Equal(expected, AdminFormat.Size(bytes));
}
