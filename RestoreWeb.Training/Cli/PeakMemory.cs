namespace RestoreWeb.Training.Cli;

/// <summary>The process's peak resident memory (VmHWM), which Linux lets a process reset through clear_refs.</summary>
internal static class PeakMemory
{
    public static void Reset()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
            // Not Linux, or not permitted: the figure is then the peak since start, which overstates later cases.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }

    public static long PeakResidentBytes()
    {
        const string field = "VmHWM:";
        if (!File.Exists("/proc/self/status"))
        {
            return Environment.WorkingSet;
        }
        string? line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? Environment.WorkingSet : long.Parse(line[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}
