using Microsoft.Extensions.Options;
using RestoreWeb.Inference.Imaging;
using RestoreWeb.Inference.Pipeline;
using RestoreWeb.Server.Data;
using RestoreWeb.Server.Hosting;
using RestoreWeb.Server.Jobs;
using RestoreWeb.Server.Storage;

namespace RestoreWeb.Server.Models;

/// <summary>
/// Restores a built-in sample, or a downscaled preview of a photo, with a given version, for the side-by-side
/// compare view. Each (image, version) pair is restored once and kept in blob storage: versions are immutable.
/// Previews take the output tone restoration jobs take (the request's default), so they show what a job would give.
/// </summary>
public sealed class ModelComparer(
    PipelineCache pipelines,
    IBlobStore blobs,
    ValidationSet samples,
    IOptions<ImagingOptions> imaging,
    IOptions<RestoreWebOptions> options)
{
    private const OutputStretch Tone = RestorationRequest.DefaultStretch;

    public async Task<byte[]> SampleAsync(ValidationSample sample, ModelVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(version);
        return await CachedAsync(BlobNames.SamplePreview(sample.Item.Name, version.Id, Tone), async () =>
        {
            var model = await pipelines.GetAsync(version, cancellationToken);
            bool scratch = sample.Mask is not null && model.CanRepairScratches;
            var mask = scratch ? MaskPng.Decode(sample.Mask) : null;
            return await Task.Run(() => model.Pipeline.Restore(
                new RestorationRequest(sample.Damaged, RepairScratches: scratch, DetectScratches: false, UserMask: mask, Format: OutputFormat.Png),
                cancellationToken: cancellationToken).Output, cancellationToken);
        }, cancellationToken);
    }

    public async Task<byte[]> PhotoAsync(Photo photo, ModelVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentNullException.ThrowIfNull(version);
        return await CachedAsync(BlobNames.PhotoPreview(photo.Id, version.Id, Tone), async () =>
        {
            byte[] preview = await PhotoPreviewAsync(photo, cancellationToken);
            var model = await pipelines.GetAsync(version, cancellationToken);
            return await Task.Run(() => model.Pipeline.Restore(
                new RestorationRequest(preview, RepairScratches: model.CanRepairScratches, DetectScratches: true, Format: OutputFormat.Png),
                cancellationToken: cancellationToken).Output, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>The photo upright, at most <see cref="ModelOptions.ComparePreviewSize"/> on its long side, as PNG.</summary>
    public async Task<byte[]> PhotoPreviewAsync(Photo photo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(photo);
        byte[] original = await blobs.ReadAllBytesAsync(photo.OriginalBlob, cancellationToken);
        return await Task.Run(() =>
        {
            var pixels = new PhotoDecoder(imaging.Value).Decode(original, cancellationToken).Pixels;
            int limit = options.Value.Models.ComparePreviewSize;
            double scale = Math.Min(1.0, (double)limit / Math.Max(pixels.Width, pixels.Height));
            if (scale < 1)
            {
                pixels = Resampling.ResizeBilinear(pixels, Math.Max(16, (int)Math.Round(pixels.Width * scale)), Math.Max(16, (int)Math.Round(pixels.Height * scale)));
            }
            return new PhotoEncoder(imaging.Value).Encode(pixels, PhotoMetadata.None, OutputFormat.Png);
        }, cancellationToken);
    }

    public IReadOnlyList<ValidationSample> Samples => samples.Samples;

    private async Task<byte[]> CachedAsync(string name, Func<Task<byte[]>> restore, CancellationToken cancellationToken)
    {
        if (await blobs.ExistsAsync(name, cancellationToken))
        {
            return await blobs.ReadAllBytesAsync(name, cancellationToken);
        }
        byte[] restored = await restore();
        await blobs.PutAsync(name, new MemoryStream(restored, writable: false), "image/png", cancellationToken);
        return restored;
    }
}
