using System.Globalization;
using Microsoft.AspNetCore.Components;
using RestoreWeb.Client.Contracts;

namespace RestoreWeb.Client.Components;

/// <summary>Everything the server records about one restoration, worded for the person who asked for it.</summary>
public partial class JobDetails
{
    [Parameter, EditorRequired]
    public JobDto Job { get; set; } = default!;

    private string OptionsText
    {
        get
        {
            var options = Job.Options;
            string scratches = options.RepairScratches
                ? "Scratch repair on" + (Job.HasUserMask ? ", with your drawn mask" : string.Empty) + (options.DetectScratches ? ", detection on" : ", detection off")
                : "Scratch repair off";
            return scratches + (options.StretchContrast ? "; contrast stretched" : "; the photo's own tone");
        }
    }

    private static string StageName(string stage) => stage switch
    {
        "decode" => "Reading the photo",
        "detect" => "Finding scratches",
        "restore" => "Restoring",
        "encode" => "Saving the result",
        "done" => "Done",
        "total" => "Total",
        _ => stage,
    };

    private static string PlanText(JobPlanDto plan) => plan.Tiled
        ? string.Create(CultureInfo.CurrentCulture, $"In {plan.TileCount} overlapping tiles of {plan.TileSize} px")
        : "The whole photo in one pass";

    private static string Seconds(double seconds) => string.Create(CultureInfo.CurrentCulture, $"{seconds:0.0} s");

    private static string Duration(double seconds) => seconds switch
    {
        < 60 => string.Create(CultureInfo.CurrentCulture, $"{Math.Max(1, Math.Round(seconds))} s"),
        < 3600 => string.Create(CultureInfo.CurrentCulture, $"{Math.Round(seconds / 60)} min"),
        _ => string.Create(CultureInfo.CurrentCulture, $"{seconds / 3600:0.#} h"),
    };

    private static string Time(DateTimeOffset time) => time.ToLocalTime().ToString("g", CultureInfo.CurrentCulture);
}
