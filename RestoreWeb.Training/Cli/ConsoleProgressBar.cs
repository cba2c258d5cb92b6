using System.Globalization;

namespace RestoreWeb.Training.Cli;

/// <summary>
/// A one-line progress bar on the error stream: redrawn in place on a terminal, printed at most every 5 % when
/// the output is redirected (CI logs), with an ETA: the caller's own estimate when it has one (a resumed training
/// stage starts part-way, so the fraction alone would overstate its speed), else from the rate so far.
/// </summary>
internal sealed class ConsoleProgressBar(TextWriter writer, string label, bool interactive)
{
    private const int Width = 30;
    private readonly DateTime _start = DateTime.UtcNow;
    private int _lastPercent = -1;

    public void Report(double fraction, string detail, TimeSpan? remaining = null)
    {
        fraction = Math.Clamp(fraction, 0, 1);
        int percent = (int)(fraction * 100);
        if (!interactive && percent / 5 == _lastPercent / 5 && percent < 100)
        {
            return;
        }
        _lastPercent = percent;
        var elapsed = DateTime.UtcNow - _start;
        remaining ??= fraction > 0.01 ? TimeSpan.FromSeconds(elapsed.TotalSeconds * (1 - fraction) / fraction) : null;
        string eta = remaining is { } left && fraction < 1 ? $" ETA {FormatDuration(left)}" : string.Empty;
        int filled = (int)(fraction * Width);
        string line = string.Create(CultureInfo.InvariantCulture,
            $"{label} [{new string('#', filled)}{new string('.', Width - filled)}] {percent,3}% {detail}{eta}");
        if (interactive)
        {
            writer.Write($"\r{line,-100}");
        }
        else
        {
            writer.WriteLine(line);
        }
    }

    /// <summary>m:ss under an hour, h:mm:ss above (a training stage can take hours).</summary>
    public static string FormatDuration(TimeSpan duration) => duration.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalHours}:{duration:mm\\:ss}")
        : duration.ToString("m\\:ss", CultureInfo.InvariantCulture);

    public void Finish(string summary)
    {
        if (interactive)
        {
            writer.Write("\r" + new string(' ', 100) + "\r");
        }
        writer.WriteLine($"{label} {summary}");
    }
}
