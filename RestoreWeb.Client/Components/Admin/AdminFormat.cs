using System.Globalization;

namespace RestoreWeb.Client.Components.Admin;

/// <summary>How the administration pages write sizes, times and scores, the same on every page.</summary>
public static class AdminFormat
{
    /// <summary>Binary megabytes, as the server's own messages count them, so that a quota typed here matches what they say.</summary>
    public const long BytesPerMegabyte = 1024 * 1024;

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.CurrentCulture, $"{bytes} B"),
        < BytesPerMegabyte => string.Create(CultureInfo.CurrentCulture, $"{bytes / 1024d:0.#} kB"),
        < BytesPerMegabyte * 1024 => string.Create(CultureInfo.CurrentCulture, $"{bytes / (double)BytesPerMegabyte:0.#} MB"),
        _ => string.Create(CultureInfo.CurrentCulture, $"{bytes / (double)(BytesPerMegabyte * 1024):0.##} GB"),
    };

    public static string Time(DateTimeOffset time) => time.ToLocalTime().ToString("g", CultureInfo.CurrentCulture);

    public static string Psnr(double decibels) => string.Create(CultureInfo.CurrentCulture, $"{decibels:0.00} dB");

    public static string Ssim(double ssim) => ssim.ToString("0.000", CultureInfo.CurrentCulture);

    public static string Seconds(double seconds) => string.Create(CultureInfo.CurrentCulture, $"{seconds:0.0} s");
}
