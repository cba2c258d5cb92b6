using System.Security.Cryptography;
using RestoreWeb.Inference.Imaging;

namespace RestoreWeb.Training.Data;

/// <summary>
/// A folder of photos decoded once into memory (auto-oriented, shrunk so that the short side is at most
/// <see cref="MaxShortSide"/>), with a content hash for the run manifest and a seeded train/validation split.
/// </summary>
public sealed class PhotoDataset
{
    private static readonly string[] Extensions = [".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp", ".bmp"];

    private PhotoDataset(string folder, IReadOnlyList<(string Name, RgbImage Image)> photos, string hash)
    {
        Folder = folder;
        Photos = photos;
        Hash = hash;
    }

    public string Folder { get; }

    public IReadOnlyList<(string Name, RgbImage Image)> Photos { get; }

    /// <summary>SHA-256 over the sorted (name, file SHA-256) pairs: identifies the data a run saw.</summary>
    public string Hash { get; }

    /// <summary>Photos are kept at most this large on the short side: enough for crops with scale jitter.</summary>
    public int MaxShortSide { get; private init; }

    /// <param name="minShortSide">Every photo must be at least this large (the crop size); smaller ones are an error naming them.</param>
    public static PhotoDataset Load(string folder, int minShortSide, int maxShortSide, IProgress<string>? progress = null)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Photo folder '{folder}' does not exist.");
        }
        var files = Directory.EnumerateFiles(folder)
            .Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            throw new InvalidDataException($"Photo folder '{folder}' has no photos (looked for {string.Join(", ", Extensions)}).");
        }

        var decoder = new PhotoDecoder(new ImagingOptions());
        var photos = new List<(string, RgbImage)>(files.Count);
        var problems = new List<string>();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (string file in files)
        {
            byte[] bytes = File.ReadAllBytes(file);
            string name = Path.GetFileName(file);
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(name + "\n" + Convert.ToHexStringLower(SHA256.HashData(bytes)) + "\n"));
            RgbImage image;
            try
            {
                image = decoder.Decode(bytes).Pixels;
            }
            catch (ImageRejectedException e)
            {
                problems.Add($"{name}: {e.Message}");
                continue;
            }
            int shortSide = Math.Min(image.Width, image.Height);
            if (shortSide < minShortSide)
            {
                problems.Add($"{name}: {image.Width}×{image.Height} is smaller than the {minShortSide}-pixel crop");
                continue;
            }
            if (shortSide > maxShortSide)
            {
                double scale = (double)maxShortSide / shortSide;
                image = Resampling.ResizeBilinear(image, Math.Max(maxShortSide, (int)Math.Round(image.Width * scale)),
                    Math.Max(maxShortSide, (int)Math.Round(image.Height * scale)));
            }
            photos.Add((name, image));
            progress?.Report($"{photos.Count}/{files.Count} {name}");
        }
        if (problems.Count > 0)
        {
            throw new InvalidDataException($"{problems.Count} photo(s) in '{folder}' cannot be used for training:\n  " + string.Join("\n  ", problems));
        }
        return new PhotoDataset(folder, photos, Convert.ToHexStringLower(hash.GetHashAndReset())) { MaxShortSide = maxShortSide };
    }

    /// <summary>A seeded split: the same seed and folder always hold out the same photos.</summary>
    public (IReadOnlyList<RgbImage> Train, IReadOnlyList<RgbImage> Validation) Split(double validationFraction, int seed)
    {
        var (train, validation) = SplitIndices(validationFraction, seed);
        return ([.. train.Select(i => Photos[i].Image)], [.. validation.Select(i => Photos[i].Image)]);
    }

    /// <summary>The held-out photos of <see cref="Split"/> with their file names.</summary>
    public IReadOnlyList<(string Name, RgbImage Image)> ValidationPhotos(double validationFraction, int seed) =>
        [.. SplitIndices(validationFraction, seed).Validation.Select(i => Photos[i])];

    private (IEnumerable<int> Train, IEnumerable<int> Validation) SplitIndices(double validationFraction, int seed)
    {
        var order = Enumerable.Range(0, Photos.Count).ToArray();
        new Random(seed).Shuffle(order);
        int held = Math.Clamp((int)Math.Round(Photos.Count * validationFraction), validationFraction > 0 ? 1 : 0, Photos.Count - 1);
        return (order.Skip(held).Order(), order.Take(held).Order());
    }
}
