using Microsoft.Extensions.Options;
using RestoreWeb.Inference.Imaging;
using RestoreWeb.Server.Hosting;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.Processing;

namespace RestoreWeb.Server.Photos;

/// <summary>
/// Small upright JPEG previews for album pages. Decoded with the decoder of the sniffed format (first frame only)
/// so the prober stays the one authority on what a file is; EXIF and XMP are dropped (they may carry a location).
/// </summary>
public sealed class Thumbnailer(IOptions<RestoreWebOptions> options)
{
    /// <summary>The JPEG bytes; <see cref="ImageRejectedException"/> when the pixels turn out to be unreadable.</summary>
    public async Task<byte[]> CreateAsync(string path, ImageProbe probe, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probe);
        int size = options.Value.Uploads.ThumbnailSize;
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        Image image;
        try
        {
            image = await Image.LoadAsync(Configuration.Default, file, ImageSharpDecoders.For(probe.Format), cancellationToken);
        }
        catch (Exception e) when (e is ImageFormatException or InvalidDataException or EndOfStreamException or IndexOutOfRangeException
            or ArgumentException or InvalidOperationException or OverflowException)
        {
            throw new ImageRejectedException(ImageRejectionReason.Corrupt,
                $"The {probe.Format.DisplayName()} file is damaged and cannot be read. If you have another copy of the photo, upload that one.", e);
        }
        catch (NotSupportedException e)
        {
            throw new ImageRejectedException(ImageRejectionReason.Unsupported,
                $"This {probe.Format.DisplayName()} file uses a feature RestoreWeb cannot read. Save the photo again as an ordinary JPEG or PNG and upload that.", e);
        }

        using (image)
        {
            // The probe read the orientation wherever the format keeps it (a TIFF keeps it per page).
            image.Metadata.ExifProfile ??= new ExifProfile();
            image.Metadata.ExifProfile.SetValue(ExifTag.Orientation, (ushort)probe.Orientation);
            image.Mutate(context =>
            {
                context.AutoOrient();
                // JPEG has no alpha: transparent parts of a PNG show as white, as the restoration treats them.
                context.BackgroundColor(Color.White);
                if (image.Width > size || image.Height > size)
                {
                    context.Resize(new ResizeOptions { Mode = ResizeMode.Max, Size = new Size(size, size), Sampler = KnownResamplers.Bicubic });
                }
            });
            image.Metadata.ExifProfile = null;
            image.Metadata.XmpProfile = null;
            using var output = new MemoryStream();
            await image.SaveAsJpegAsync(output, new JpegEncoder { Quality = 82 }, cancellationToken);
            return output.ToArray();
        }
    }
}
