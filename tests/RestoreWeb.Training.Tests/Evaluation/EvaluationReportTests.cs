using RestoreWeb.Training.Evaluation;

namespace RestoreWeb.Training.Tests.Evaluation;

public sealed class EvaluationReportTests
{
    private static EvaluationSample Sample(double input, double model, string photo = "a.jpg", bool scratches = false) =>
        new(scratches ? "with scratches" : "no scratches", scratches, photo, new QualityScore(input, 0.5), new QualityScore(input + 1, 0.6), new QualityScore(model, 0.7));

    private static EvaluationReport Report(params EvaluationSample[] samples) =>
        new("starter 9.9.9", "photos", 7, [new EvaluationRow("no scratches", samples.Length, new(0, 0), new(0, 0), new(0, 0))], samples);

    [Fact]
    public void Samples_are_grouped_by_their_input_psnr_with_each_bound_in_the_upper_level_and_empty_levels_left_out()
    {
        var report = Report(Sample(15, 18), Sample(17.9, 19), Sample(22, 20), Sample(25.9, 21), Sample(40, 22));

        var levels = report.Levels();

        Assert.Equal(["< 18 dB", "22–26 dB", "≥ 26 dB"], levels.Select(l => l.Label));
        Assert.Equal([2, 2, 1], levels.Select(l => l.Samples));
        Assert.Equal(16.45, levels[0].Input.Psnr, 9);
        Assert.Equal(18.5, levels[0].Model.Psnr, 9);
        Assert.Equal(2.05, levels[0].PsnrGain, 9);
        Assert.Equal(17.45, levels[0].Baseline.Psnr, 9);
        Assert.Equal(0.2, levels[0].SsimGain, 9);
        Assert.Equal(-18, levels[2].PsnrGain, 9);
    }

    [Fact]
    public void A_perfect_copy_counts_as_100_dB_in_the_means_rather_than_infinity()
    {
        var mean = EvaluationReport.Mean([new QualityScore(double.PositiveInfinity, 1), new QualityScore(20, 0.5)]);

        Assert.Equal(60, mean.Psnr, 9);
        Assert.Equal(0.75, mean.Ssim, 9);
    }

    [Fact]
    public void The_markdown_has_a_row_per_damage_level_and_the_csv_a_line_per_sample_with_awkward_names_quoted()
    {
        var report = Report(Sample(15, 18, "plain.jpg"), Sample(30, 20, "comma, \"quoted\".jpg", scratches: true));

        string markdown = report.ToMarkdown();
        string[] csv = report.ToCsv().TrimEnd('\n').Split('\n');

        Assert.Contains("## By damage level", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("The clean photos themselves", markdown, StringComparison.Ordinal);
        Assert.Contains("| < 18 dB | 1 | 15.00 / 0.500 | 16.00 / 0.600 | 18.00 / 0.700 | +3.00 dB, +0.200 SSIM |", markdown, StringComparison.Ordinal);
        Assert.Contains("| ≥ 26 dB | 1 | 30.00 / 0.500 | 31.00 / 0.600 | 20.00 / 0.700 | -10.00 dB, +0.200 SSIM |", markdown, StringComparison.Ordinal);
        Assert.Equal(3, csv.Length);
        Assert.Equal("damage,scratches,photo,input_psnr_db,input_ssim,baseline_psnr_db,baseline_ssim,model_psnr_db,model_ssim", csv[0]);
        Assert.Equal("no scratches,0,plain.jpg,15,0.5,16,0.6,18,0.7", csv[1]);
        Assert.Equal("with scratches,1,\"comma, \"\"quoted\"\".jpg\",30,0.5,31,0.6,20,0.7", csv[2]);
    }

    [Fact]
    public void A_report_without_samples_keeps_the_summary_and_has_no_level_table()
    {
        string markdown = Report().ToMarkdown();

        Assert.Contains("| no scratches | 0 |", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("By damage level", markdown, StringComparison.Ordinal);
        Assert.Empty(Report().Levels());
    }

    [Fact]
    public void The_round_trip_of_the_clean_photos_is_reported_when_it_was_measured()
    {
        var report = Report(Sample(15, 18)) with { CleanRoundTrip = new QualityScore(21.294, 0.8123) };

        Assert.Contains("The clean photos themselves, restored as they are: 21.29 dB / 0.812 SSIM", report.ToMarkdown(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_output_tone_is_named_when_it_was_recorded()
    {
        Assert.DoesNotContain("Model output tone", Report().ToMarkdown(), StringComparison.Ordinal);
        Assert.Contains("Model output tone: the input's.", (Report() with { OutputTone = "the input's" }).ToMarkdown(), StringComparison.Ordinal);
    }
}
