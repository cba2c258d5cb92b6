using System.Globalization;

namespace RestoreWeb.Server.Photos;

public static class ByteSizes
{
    /// <summary>"850 kB", "12.5 MB": sizes as people read them in messages.</summary>
    public static string Describe(long bytes) => bytes < 1024 * 1024
        ? (bytes / 1024d).ToString("0.#", CultureInfo.InvariantCulture) + " kB"
        : (bytes / (1024d * 1024d)).ToString("0.#", CultureInfo.InvariantCulture) + " MB";
}
