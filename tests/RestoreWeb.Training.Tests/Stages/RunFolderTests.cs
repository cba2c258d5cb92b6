using RestoreWeb.Training.Stages;

namespace RestoreWeb.Training.Tests.Stages;

public sealed class RunFolderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("restoreweb-run-folder-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Dictionary<string, double> Row(params (string Name, double Value)[] cells) =>
        cells.ToDictionary(c => c.Name, c => c.Value, StringComparer.Ordinal);

    [Fact]
    public void A_resume_that_logs_a_new_loss_widens_the_table_and_one_that_drops_a_loss_leaves_its_cells_nan()
    {
        var run = new RunFolder(_folder);
        run.AppendMetrics(1, Row(("l1", 0.5), ("d", 0.25)));
        run.AppendMetrics(2, Row(("d", 0.2), ("l1", 0.4)));

        // Resumed with --vgg: a column more.
        run.AppendMetrics(3, Row(("l1", 0.3), ("d", 0.2), ("vgg", 1.5)));
        // Resumed without it again, and a loss of its own order.
        run.AppendMetrics(4, Row(("d", 0.1), ("l1", 0.2)));

        Assert.Equal("step,l1,d,vgg", File.ReadLines(run.MetricsPath).First());
        var (steps, series) = run.ReadMetrics();
        Assert.Equal([1, 2, 3, 4], steps);
        Assert.Equal([0.5, 0.4, 0.3, 0.2], series["l1"]);
        Assert.Equal([0.25, 0.2, 0.2, 0.1], series["d"]);
        Assert.Equal([double.NaN, double.NaN, 1.5, double.NaN], series["vgg"]);

        run.TruncateMetrics(3);
        Assert.Equal([1, 2, 3], run.ReadMetrics().Steps);
    }
}
