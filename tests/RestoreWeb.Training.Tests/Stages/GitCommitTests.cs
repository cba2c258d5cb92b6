using RestoreWeb.Training.Stages;

namespace RestoreWeb.Training.Tests.Stages;

/// <summary>The commit a run manifest records: the build's own, which is the checkout's HEAD when built from it.</summary>
public sealed class GitCommitTests
{
    [Fact]
    public void The_build_carries_the_commit_of_the_checkout_it_was_built_from()
    {
        string? built = GitCommit.FromAssembly(typeof(GitCommit).Assembly);
        string? head = GitCommit.FromCheckout(AppContext.BaseDirectory);

        Assert.NotNull(head);
        Assert.Matches("^[0-9a-f]{40}$", head);
        Assert.Equal(head, built);
        Assert.Equal(built, GitCommit.Read());
    }

    [Fact]
    public void Outside_a_checkout_there_is_no_head_and_an_assembly_without_a_commit_gives_none()
    {
        string outside = Directory.CreateTempSubdirectory("restoreweb-no-git-").FullName;
        try
        {
            Assert.Null(GitCommit.FromCheckout(outside));
            // xunit's assembly is built elsewhere, without a commit in its version.
            Assert.Null(GitCommit.FromAssembly(typeof(FactAttribute).Assembly));
        }
        finally
        {
            Directory.Delete(outside);
        }
    }
}
