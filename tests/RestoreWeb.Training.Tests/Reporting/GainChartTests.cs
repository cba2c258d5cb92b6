using RestoreWeb.Training.Evaluation;
using RestoreWeb.Training.Reporting;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace RestoreWeb.Training.Tests.Reporting;

public sealed class GainChartTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("restoreweb-gain-chart-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static EvaluationSample Sample(double input, double baseline, double model, bool scratches) =>
        new("damage", scratches, "p.jpg", new QualityScore(input, 0.5), new QualityScore(baseline, 0.5), new QualityScore(model, 0.5));

    [Fact]
    public void The_range_covers_every_score_in_whole_2_dB_steps_and_caps_a_perfect_copy()
    {
        Assert.Equal((14, 32), GainChart.Range([Sample(15.3, 20, 31.1, false)]));
        Assert.Equal((20, 100), GainChart.Range([Sample(21, 22, double.PositiveInfinity, false)]));
        Assert.Equal((0, 40), GainChart.Range([]));
    }

    [Fact]
    public void Each_sample_is_a_model_and_a_baseline_marker_at_its_input_and_output_psnr_filled_unless_it_had_scratches()
    {
        string path = Path.Combine(_folder, "gain.png");
        var plain = Sample(16, 24, 30, scratches: false);
        var scratched = Sample(28, 18, 22, scratches: true);

        GainChart.Write(path, "TEST", [plain, scratched]);

        using var image = Image.Load<Rgb24>(path);
        Assert.Equal((GainChart.PlotSize + 2 * GainChart.Margin, GainChart.PlotSize + 2 * GainChart.Margin + 24), (image.Width, image.Height));
        var range = GainChart.Range([plain, scratched]);
        Assert.Equal((16, 30), range);

        var (mx, my) = GainChart.Position(plain.Input.Psnr, plain.Model.Psnr, range);
        var (bx, by) = GainChart.Position(plain.Input.Psnr, plain.Baseline.Psnr, range);
        Assert.Equal(GainChart.ModelColour, image[mx, my]);
        Assert.Equal(GainChart.BaselineColour, image[bx, by]);
        Assert.True(my < by, "a higher PSNR is drawn higher up");

        // A hollow marker: its outline is drawn, its centre left as it was.
        var (sx, sy) = GainChart.Position(scratched.Input.Psnr, scratched.Model.Psnr, range);
        Assert.Equal(GainChart.ModelColour, image[sx + 3, sy]);
        Assert.NotEqual(GainChart.ModelColour, image[sx, sy]);
    }
}
