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

public sealed record EvaluationReport(string Package, string Photos, int Seed, IReadOnlyList<EvaluationRow> Rows)
{
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
        return text.ToString();
    }
}
