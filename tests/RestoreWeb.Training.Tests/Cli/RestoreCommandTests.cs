using RestoreWeb.Inference.Packages;
using RestoreWeb.Tests.Shared;
using RestoreWeb.Training.Cli;
using RestoreWeb.Training.Export;
using RestoreWeb.Training.Tests.Export;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace RestoreWeb.Training.Tests.Cli;

public sealed class RestoreCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("restoreweb-restore-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Restores_a_folder_keeping_base_names_pixel_sizes_and_upright_orientation()
    {
        string package = TinyPackage();
        string inputs = Directory.CreateDirectory(Path.Combine(_root, "in")).FullName;
        Photo(70, 45, orientation: 1).SaveAsJpeg(Path.Combine(inputs, "wedding.jpg"));
        Photo(64, 40, orientation: 6).SaveAsJpeg(Path.Combine(inputs, "rotated.jpg"));
        Photo(33, 50, orientation: 1).SaveAsPng(Path.Combine(inputs, "portrait.png"));
        string outputs = Path.Combine(_root, "out");
        using var output = new StringWriter();
        using var error = new StringWriter();

        int exit = await TrainingCli.RunAsync(["restore", inputs, "-o", outputs, "--package", package, "--with-scratch", "--threads", "1"], output, error);

        Assert.True(exit == 0, error.ToString());
        Assert.Contains("3 restored, 0 failed", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("100%", error.ToString(), StringComparison.Ordinal);
        using (var wedding = Image.Load(Path.Combine(outputs, "wedding.jpg")))
        {
            Assert.Equal((70, 45), (wedding.Width, wedding.Height));
        }
        using (var rotated = Image.Load(Path.Combine(outputs, "rotated.jpg")))
        {
            // Orientation 6 means the stored 64×40 pixels display as 40×64: the output is upright and says so.
            Assert.Equal((40, 64), (rotated.Width, rotated.Height));
            Assert.Equal((ushort)1, rotated.Metadata.ExifProfile?.GetValue(ExifTag.Orientation)?.Value ?? 1);
        }
        using (var portrait = Image.Load(Path.Combine(outputs, "portrait.png")))
        {
            Assert.Equal((33, 50), (portrait.Width, portrait.Height));
        }
    }

    [Fact]
    public async Task The_output_keeps_the_photo_tone_unless_the_official_stretch_is_asked_for()
    {
        string package = TinyPackage();
        string photo = Path.Combine(_root, "photo.png");
        Photo(48, 32, 1).SaveAsPng(photo);

        async Task<Image<Rgb24>> Restore(string folder, params string[] extra)
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            int exit = await TrainingCli.RunAsync(["restore", photo, "-o", Path.Combine(_root, folder), "--package", package, .. extra], output, error);
            Assert.True(exit == 0, error.ToString());
            return Image.Load<Rgb24>(Path.Combine(_root, folder, "photo.png"));
        }

        using var source = Image.Load<Rgb24>(photo);
        using var toned = await Restore("toned");
        using var stretched = await Restore("stretched", "--stretch", "MinMax");

        var (sourceMeans, _, _) = ToneStatistics.Of(source);
        var (tonedMeans, _, _) = ToneStatistics.Of(toned);
        Assert.All(Enumerable.Range(0, 3), c => Assert.Equal(sourceMeans[c], tonedMeans[c], 2.0));
        var (_, darkest, brightest) = ToneStatistics.Of(stretched);
        Assert.Equal((0, 255), (darkest, brightest));
    }

    [Fact]
    public async Task A_mask_of_the_wrong_size_fails_that_photo_with_a_clear_message()
    {
        string package = TinyPackage();
        string photo = Path.Combine(_root, "photo.png");
        Photo(48, 32, 1).SaveAsPng(photo);
        string mask = Path.Combine(_root, "mask.png");
        new Image<L8>(20, 20).SaveAsPng(mask);
        using var output = new StringWriter();
        using var error = new StringWriter();

        int exit = await TrainingCli.RunAsync(["restore", photo, "-o", Path.Combine(_root, "out"), "--package", package, "--mask", mask], output, error);

        Assert.Equal(1, exit);
        Assert.Contains("The mask is 20×20 pixels but the photo is 48×32", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("0 restored, 1 failed", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_package_is_named()
    {
        string photo = Path.Combine(_root, "photo.png");
        Photo(48, 32, 1).SaveAsPng(photo);
        using var output = new StringWriter();
        using var error = new StringWriter();

        int exit = await TrainingCli.RunAsync(["restore", photo, "-o", _root, "--package", Path.Combine(_root, "nope.zip")], output, error);

        Assert.Equal(1, exit);
        Assert.Contains("nope.zip", error.ToString(), StringComparison.Ordinal);
    }

    private string TinyPackage()
    {
        string path = Path.Combine(_root, "tiny.zip");
        ModelPackageExporter.Export(path, TinyModels.Weights(seed: 11), TinyModels.Preset, "tiny", "0.1.0", ModelSource.Trained);
        return path;
    }

    private static Image<Rgb24> Photo(int width, int height, ushort orientation)
    {
        var image = new Image<Rgb24>(width, height);
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (int x = 0; x < row.Length; x++)
                {
                    row[x] = new Rgb24((byte)(x * 255 / width), (byte)(y * 255 / height), 128);
                }
            }
        });
        if (orientation != 1)
        {
            image.Metadata.ExifProfile = new ExifProfile();
            image.Metadata.ExifProfile.SetValue(ExifTag.Orientation, orientation);
        }
        return image;
    }
}
