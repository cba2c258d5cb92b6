using RestoreWeb.Training.Degradation;
using SixLabors.ImageSharp;

namespace RestoreWeb.Training.Tests.Degradation;

public sealed class DegradationSampleSheetTests
{
    [Fact]
    public void A_sheet_has_one_row_of_clean_degraded_and_mask_per_seed()
    {
        var synthesizer = new DegradationSynthesizer(DegradationOptions.Paper);
        var clean = TestImages.Scene(64, 48);
        int[] seeds = [1, 2, 3];
        string path = Path.Combine(Path.GetTempPath(), $"degradation-sheet-{Guid.NewGuid():N}.png");
        try
        {
            DegradationSampleSheet.WritePng(path, synthesizer, clean, seeds);

            var info = Image.Identify(path);
            int gap = DegradationSampleSheet.Gap;
            Assert.Equal((3 * 64) + (4 * gap), info.Width);
            Assert.Equal((3 * 48) + (4 * gap), info.Height);
            Assert.True(new FileInfo(path).Length > 1000);

            // The middle tile of the second row is the degraded sample for seed 2.
            var sheet = DegradationSampleSheet.Render(synthesizer, clean, seeds);
            var sample = synthesizer.Degrade(clean, 2);
            int left = (2 * gap) + 64;
            int top = (2 * gap) + 48;
            Assert.Equal(sample.Degraded[0, 5, 7], sheet[0, top + 5, left + 7]);
            Assert.Equal(sample.Target[2, 10, 3], sheet[2, top + 10, gap + 3]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_sheet_needs_rows()
    {
        var synthesizer = new DegradationSynthesizer(DegradationOptions.Paper);

        Assert.Throws<ArgumentException>(() => DegradationSampleSheet.Render(synthesizer, []));
    }
}
