using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RestoreWeb.Inference.Imaging;
using RestoreWeb.Inference.Validation;
using RestoreWeb.Training.Data;
using RestoreWeb.Training.Degradation;
using RestoreWeb.Training.Stages;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace RestoreWeb.Training.Cli;

/// <summary>
/// validation-set: square crops of held-out photos with seeded synthetic damage, written as PNG files and set.json.
/// The server's model validation gate and compare view use such a set as built-in data.
/// </summary>
internal static class ValidationSetCommand
{
    public static Command Create()
    {
        var photos = new Option<DirectoryInfo>("--photos") { Description = "Folder of clean photos (with MANIFEST.tsv for licences).", Required = true };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1234, Description = "Seed of the training split and of the damage." };
        var fraction = new Option<double>("--fraction") { DefaultValueFactory = _ => 0.1, Description = "Validation fraction of the training split." };
        var size = new Option<int>("--size") { DefaultValueFactory = _ => 192, Description = "Side of the square crops (a multiple of 16)." };
        var unstructured = new Option<int>("--unstructured") { DefaultValueFactory = _ => 4, Description = "Crops with noise, blur, low resolution, JPEG and fading." };
        var structured = new Option<int>("--structured") { DefaultValueFactory = _ => 2, Description = "Crops with scratches, dust, creases and holes as well (with their masks)." };
        var output = new Option<DirectoryInfo>("--output", "-o") { Description = "Folder for set.json and the PNG files.", Required = true };
        var command = new Command("validation-set", "Write a small synthetic validation set from held-out photos.")
        {
            photos, seed, fraction, size, unstructured, structured, output,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var console = parse.InvocationConfiguration;
            int side = parse.GetValue(size);
            if (side < 32 || side % 16 != 0)
            {
                console.Error.WriteLine($"validation-set: --size {side} must be a multiple of 16 and at least 32.");
                return Task.FromResult(1);
            }
            try
            {
                var folder = parse.GetRequiredValue(photos);
                var dataset = PhotoDataset.Load(folder.FullName, side, side);
                var held = dataset.ValidationPhotos(parse.GetValue(fraction), parse.GetValue(seed));
                var licences = ReadLicences(folder.FullName);
                var kinds = Enumerable.Repeat(false, parse.GetValue(unstructured)).Concat(Enumerable.Repeat(true, parse.GetValue(structured))).ToList();
                if (kinds.Count > held.Count)
                {
                    console.Error.WriteLine($"validation-set: {kinds.Count} crops asked for but only {held.Count} photos are held out.");
                    return Task.FromResult(1);
                }
                var target = parse.GetRequiredValue(output);
                target.Create();
                var items = new List<ValidationSetItem>();
                for (int i = 0; i < kinds.Count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var (name, image) = held[i];
                    bool scratched = kinds[i];
                    var options = scratched ? DegradationOptions.Paper : DegradationOptions.Paper with { Structured = DegradationOptions.OfficialV2Only.Structured };
                    var crop = CenterCrop(image, side);
                    var sample = new DegradationSynthesizer(options).Degrade(crop, StableSeed.Derive(parse.GetValue(seed), "validation-set", name, i));
                    string id = string.Create(CultureInfo.InvariantCulture, $"sample-{i + 1}");
                    Save(sample.Target, Path.Combine(target.FullName, $"{id}-clean.png"));
                    Save(sample.Degraded, Path.Combine(target.FullName, $"{id}-damaged.png"));
                    string? mask = null;
                    if (scratched)
                    {
                        mask = $"{id}-mask.png";
                        SaveMask(sample.ScratchMask, Path.Combine(target.FullName, mask));
                    }
                    items.Add(new ValidationSetItem(id, name, licences.GetValueOrDefault(name, "see the photo folder's MANIFEST"),
                        scratched ? "structured" : "unstructured", $"{id}-clean.png", $"{id}-damaged.png", mask));
                }
                var index = new ValidationSetIndex(parse.GetValue(seed), folder.Name, items);
                File.WriteAllText(Path.Combine(target.FullName, ValidationSetIndex.FileName), JsonSerializer.Serialize(index, ValidationSetIndex.SerializerOptions));
                console.Output.WriteLine($"Wrote {items.Count} crops of {side}×{side} to {target.FullName}.");
                return Task.FromResult(0);
            }
            catch (Exception e) when (e is DirectoryNotFoundException or InvalidDataException or IOException or ImageRejectedException)
            {
                console.Error.WriteLine($"validation-set: {e.Message}");
                return Task.FromResult(1);
            }
        });
        return command;
    }

    private static Dictionary<string, string> ReadLicences(string folder)
    {
        string manifest = Path.Combine(folder, "MANIFEST.tsv");
        var licences = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(manifest))
        {
            return licences;
        }
        foreach (string line in File.ReadLines(manifest).Skip(1))
        {
            string[] columns = line.Split('\t');
            if (columns.Length >= 3)
            {
                licences[columns[0]] = columns[2];
            }
        }
        return licences;
    }

    private static RgbImage CenterCrop(RgbImage image, int side)
    {
        int left = (image.Width - side) / 2, top = (image.Height - side) / 2;
        var crop = new RgbImage(side, side);
        for (int c = 0; c < RgbImage.Channels; c++)
        {
            for (int y = 0; y < side; y++)
            {
                image.Plane(c).Slice(((top + y) * image.Width) + left, side).CopyTo(crop.Plane(c).Slice(y * side, side));
            }
        }
        return crop;
    }

    private static void Save(RgbImage image, string path) =>
        File.WriteAllBytes(path, new PhotoEncoder(new ImagingOptions()).Encode(image, PhotoMetadata.None, OutputFormat.Png));

    private static void SaveMask(GrayImage mask, string path)
    {
        using var png = new Image<L8>(mask.Width, mask.Height);
        for (int y = 0; y < mask.Height; y++)
        {
            for (int x = 0; x < mask.Width; x++)
            {
                png[x, y] = new L8(mask[y, x] >= 0.5f ? (byte)255 : (byte)0);
            }
        }
        png.SaveAsPng(path);
    }
}
