using RestoreWeb.Training.Degradation;

namespace RestoreWeb.Training.Tests.Degradation;

public sealed class DegradationOptionsTests
{
    [Fact]
    public void Defaults_are_the_released_v2_values()
    {
        var options = DegradationOptions.Paper.OfficialV2;

        Assert.Equal(0.7, options.OperationProbability);
        Assert.Equal([3, 5, 7], options.BlurKernelSizes);
        Assert.Equal(new ValueRange(1, 5), options.BlurSigma);
        Assert.Equal(new ValueRange(5 / 255.0, 50 / 255.0), options.NoiseSigma);
        Assert.Equal(0.01, options.SaltAndPepperAmount.Max);
        Assert.Equal(new ValueRange(0.5, 1), options.DownscaleFactor);
        Assert.Equal(new CountRange(40, 100), options.JpegQuality);
        Assert.Equal(0.1, DegradationOptions.Paper.GreyscaleProbability);
        Assert.Equal(0.5, DegradationOptions.Paper.Holes.Probability);
    }

    [Fact]
    public void Presets_differ_where_they_should()
    {
        Assert.False(DegradationOptions.OfficialV2Only.Structured.Enabled);
        Assert.False(DegradationOptions.OfficialV2Only.Aging.Enabled);
        Assert.Equal(0, DegradationOptions.OfficialV2Only.Holes.Probability);

        var standIn = DegradationOptions.RealOldStandIn;
        var paper = DegradationOptions.Paper;
        Assert.Equal(0, standIn.Holes.Probability);
        Assert.True(standIn.Aging.FadingProbability > paper.Aging.FadingProbability);
        Assert.True(standIn.Aging.Yellowing.Min > paper.Aging.Yellowing.Min);
        Assert.True(standIn.Aging.FilmGrainAmplitude.Max > paper.Aging.FilmGrainAmplitude.Max);
        Assert.True(standIn.Structured.DustSpecks.Min > paper.Structured.DustSpecks.Min);
    }

    [Fact]
    public void Invalid_settings_are_all_named_in_one_error()
    {
        var broken = DegradationOptions.Paper with
        {
            GreyscaleProbability = 1.5,
            OfficialV2 = new OfficialV2Options { BlurKernelSizes = [4], JpegQuality = new CountRange(50, 40) },
            Holes = HoleOptions.HalfOfSamples with { StrokeWidth = new ValueRange(-1, 0.1) },
        };

        var error = Assert.Throws<ArgumentException>(() => new DegradationSynthesizer(broken));

        Assert.Contains("GreyscaleProbability 1.5", error.Message, StringComparison.Ordinal);
        Assert.Contains("BlurKernelSizes [4]", error.Message, StringComparison.Ordinal);
        Assert.Contains("JpegQuality 50..40", error.Message, StringComparison.Ordinal);
        Assert.Contains("Holes.StrokeWidth", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_preset_is_valid()
    {
        DegradationOptions.Paper.Validate();
        DegradationOptions.OfficialV2Only.Validate();
        DegradationOptions.RealOldStandIn.Validate();

        Assert.Equal(DegradationOptions.Paper.Aging, new DegradationSynthesizer(DegradationOptions.Paper).Options.Aging);
    }
}
