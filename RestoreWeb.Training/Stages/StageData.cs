using RestoreWeb.Inference.Imaging;
using RestoreWeb.Training.Data;
using RestoreWeb.Training.Degradation;

namespace RestoreWeb.Training.Stages;

/// <summary>
/// The three domains of the method for one run: Y clean photos (training split), X = Y degraded on the fly, and R
/// real old photos — a folder when given, otherwise a separately configured stand-in degradation of Y (reported in
/// the run manifest, never silently).
/// </summary>
public sealed class StageData
{
    private StageData(PhotoDataset clean, IReadOnlyList<RgbImage> train, IReadOnlyList<RgbImage> validation, PhotoDataset? realOld)
    {
        Clean = clean;
        Train = train;
        Validation = validation;
        RealOld = realOld;
    }

    public PhotoDataset Clean { get; }

    public IReadOnlyList<RgbImage> Train { get; }

    public IReadOnlyList<RgbImage> Validation { get; }

    public PhotoDataset? RealOld { get; }

    /// <summary>What stands in for R, in words for the run log and manifest.</summary>
    public string RealOldSource => RealOld is null
        ? "no real old photos given: R is a stand-in, clean photos degraded with the 'real-old stand-in' profile (stronger fading, grain, dust; no holes)"
        : $"real old photos from '{RealOld.Folder}' ({RealOld.Photos.Count} photos, SHA-256 {RealOld.Hash})";

    public static StageData Load(StageOptions options, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        int maxShortSide = (int)(options.CropSize * 1.5);
        var clean = PhotoDataset.Load(options.CleanPhotos, options.CropSize, maxShortSide, progress);
        var (train, validation) = clean.Split(options.ValidationFraction, options.Seed);
        var realOld = options.RealOldPhotos is null ? null : PhotoDataset.Load(options.RealOldPhotos, options.CropSize, maxShortSide, progress);
        return new StageData(clean, train, validation, realOld);
    }

    /// <summary>A crop of a training photo for batch item (index, slot): a pure function of its arguments.</summary>
    public RgbImage CleanCrop(Random random, int size) => RandomCrops.Take(Train[random.Next(Train.Count)], size, random);

    /// <summary>A real old photo crop, or the stand-in: a clean crop aged with the stand-in profile.</summary>
    public RgbImage RealOldCrop(Random random, int size, DegradationSynthesizer standIn)
    {
        ArgumentNullException.ThrowIfNull(standIn);
        if (RealOld is not null)
        {
            var photo = RealOld.Photos[random.Next(RealOld.Photos.Count)].Image;
            return RandomCrops.Take(photo, size, random);
        }
        return standIn.Degrade(CleanCrop(random, size), random.Next()).Degraded;
    }
}
