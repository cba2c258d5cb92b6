using System.Globalization;
using System.Text;

namespace RestoreWeb.Training.Evaluation;

/// <summary>Mean PSNR/SSIM of one method on one kind of damage.</summary>
public sealed record QualityScore(double Psnr, double Ssim);

/// <summary>Input vs target, classical baseline vs target and model vs target, per kind of damage.</summary>
public sealed record EvaluationRow(string Damage, int Samples, QualityScore Input, QualityScore Baseline, QualityScore Model)
{
    public double PsnrGain => Model.Psnr - Input.Psnr;

    public double SsimGain => Model.Ssim - Input.Ssim;
}

/// <summary>The scores of one damaged photo.</summary>
/// <param name="Scratches">Whether this kind of damage has scratches and holes (the model repaired them).</param>
public sealed record EvaluationSample(string Damage, bool Scratches, string Photo, QualityScore Input, QualityScore Baseline, QualityScore Model)
{
    public double PsnrGain => Model.Psnr - Input.Psnr;

    public double BaselinePsnrGain => Baseline.Psnr - Input.Psnr;
}

/// <summary>The samples whose input PSNR falls in [<paramref name="From"/>, <paramref name="To"/>).</summary>
public sealed record DamageLevel(double From, double To, int Samples, QualityScore Input, QualityScore Baseline, QualityScore Model)
{
    public double PsnrGain => Model.Psnr - Input.Psnr;

    public double SsimGain => Model.Ssim - Input.Ssim;

    public string Label => double.IsNegativeInfinity(From) ? string.Create(CultureInfo.InvariantCulture, $"< {To:0} dB")
        : double.IsPositiveInfinity(To) ? string.Create(CultureInfo.InvariantCulture, $"≥ {From:0} dB")
        : string.Create(CultureInfo.InvariantCulture, $"{From:0}–{To:0} dB");
}

public sealed record EvaluationReport(string Package, string Photos, int Seed, IReadOnlyList<EvaluationRow> Rows, IReadOnlyList<EvaluationSample> Samples)
{
    /// <summary>Input-PSNR bounds of the damage levels: how much a method gains depends on how much damage there is to undo.</summary>
    public static IReadOnlyList<double> LevelBounds { get; } = [18, 22, 26];

    /// <summary>The model's mean score on the clean photos themselves: what its round trip keeps of a photo with nothing to repair.</summary>
    public QualityScore? CleanRoundTrip { get; init; }

    /// <summary>How the model's output got its tone (the pipeline's <c>OutputStretch</c>), or null when not recorded.</summary>
    public string? OutputTone { get; init; }

    /// <summary>Every sample of both kinds of damage, grouped by its input PSNR; empty levels are left out.</summary>
    public IReadOnlyList<DamageLevel> Levels()
    {
        double[] edges = [double.NegativeInfinity, .. LevelBounds, double.PositiveInfinity];
        var levels = new List<DamageLevel>();
        for (int i = 0; i + 1 < edges.Length; i++)
        {
            // The last level takes a perfect copy (infinite PSNR) too.
            var inLevel = Samples.Where(s => s.Input.Psnr >= edges[i] && (s.Input.Psnr < edges[i + 1] || i + 2 == edges.Length)).ToList();
            if (inLevel.Count > 0)
            {
                var (input, baseline, model) = Means(inLevel);
                levels.Add(new DamageLevel(edges[i], edges[i + 1], inLevel.Count, input, baseline, model));
            }
        }
        return levels;
    }

    /// <summary>The mean scores of the input, the baseline and the model over <paramref name="samples"/>.</summary>
    public static (QualityScore Input, QualityScore Baseline, QualityScore Model) Means(IReadOnlyCollection<EvaluationSample> samples) =>
        (Mean(samples.Select(s => s.Input)), Mean(samples.Select(s => s.Baseline)), Mean(samples.Select(s => s.Model)));

    /// <summary>Mean PSNR (each capped at 100 dB, the score of a perfect copy) and mean SSIM.</summary>
    public static QualityScore Mean(IEnumerable<QualityScore> scores)
    {
        var list = scores.ToList();
        return new QualityScore(list.Average(s => Math.Min(s.Psnr, 100)), list.Average(s => s.Ssim));
    }

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Evaluation of {Package}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Synthetic test set from `{Photos}` (seed {Seed}); PSNR in dB and SSIM against the clean photo.");
        text.AppendLine();
        text.AppendLine("| damage | samples | input PSNR | input SSIM | baseline PSNR | baseline SSIM | model PSNR | model SSIM | model − input |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var row in Rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Damage} | {row.Samples} | {row.Input.Psnr:0.00} | {row.Input.Ssim:0.000} | {row.Baseline.Psnr:0.00} | {row.Baseline.Ssim:0.000} | {row.Model.Psnr:0.00} | {row.Model.Ssim:0.000} | {row.PsnrGain:+0.00;-0.00} dB, {row.SsimGain:+0.000;-0.000} SSIM |");
        }
        text.AppendLine();
        text.AppendLine("Baseline: 3×3 median filter, then the detected scratch mask filled by harmonic inpainting.");
        if (OutputTone is not null)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"Model output tone: {OutputTone}.");
        }
        if (CleanRoundTrip is { } roundTrip)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"The clean photos themselves, restored as they are: {roundTrip.Psnr:0.00} dB / {roundTrip.Ssim:0.000} SSIM, what the model's round trip keeps of a photo with nothing to repair.");
        }
        if (Samples.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("## By damage level");
            text.AppendLine();
            text.AppendLine("Both kinds of damage together, grouped by the damaged input's PSNR (each photo's scores are in `scores.csv`, and `gain.png` plots them):");
            text.AppendLine();
            text.AppendLine("| input PSNR | samples | input PSNR / SSIM | baseline PSNR / SSIM | model PSNR / SSIM | model − input |");
            text.AppendLine("|---|---:|---:|---:|---:|---|");
            foreach (var level in Levels())
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {level.Label} | {level.Samples} | {level.Input.Psnr:0.00} / {level.Input.Ssim:0.000} | {level.Baseline.Psnr:0.00} / {level.Baseline.Ssim:0.000} | {level.Model.Psnr:0.00} / {level.Model.Ssim:0.000} | {level.PsnrGain:+0.00;-0.00} dB, {level.SsimGain:+0.000;-0.000} SSIM |");
            }
        }
        return text.ToString();
    }

    /// <summary>One line per damaged photo: the numbers behind the means, for anyone who wants to look closer.</summary>
    public string ToCsv()
    {
        var text = new StringBuilder("damage,scratches,photo,input_psnr_db,input_ssim,baseline_psnr_db,baseline_ssim,model_psnr_db,model_ssim\n");
        foreach (var s in Samples)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{Quote(s.Damage)},{(s.Scratches ? 1 : 0)},{Quote(s.Photo)},{s.Input.Psnr:0.####},{s.Input.Ssim:0.#####},{s.Baseline.Psnr:0.####},{s.Baseline.Ssim:0.#####},{s.Model.Psnr:0.####},{s.Model.Ssim:0.#####}").Append('\n');
        }
        return text.ToString();
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
