using RestoreWeb.Inference.Imaging;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Stages;

/// <summary>Between the imaging layer's planar [0,1] images and the networks' N×C×H×W tensors in [-1,1].</summary>
public static class TensorImages
{
    public static Tensor Batch(IReadOnlyList<RgbImage> images, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        int height = images[0].Height, width = images[0].Width, length = images[0].Data.Length;
        var data = new float[images.Count * length];
        for (int i = 0; i < images.Count; i++)
        {
            var source = images[i].Data;
            for (int k = 0; k < length; k++)
            {
                data[i * length + k] = source[k] * 2f - 1f;
            }
        }
        return tensor(data, [images.Count, RgbImage.Channels, height, width], device: device);
    }

    /// <summary>Masks (1 = damage) as N×1×H×W.</summary>
    public static Tensor Masks(IReadOnlyList<GrayImage> masks, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(masks);
        int length = masks[0].Data.Length;
        var data = new float[masks.Count * length];
        for (int i = 0; i < masks.Count; i++)
        {
            masks[i].Data.CopyTo(data, i * length);
        }
        return tensor(data, [masks.Count, 1, masks[0].Height, masks[0].Width], device: device);
    }

    /// <summary>
    /// <paramref name="images"/> (N×3×H×W) with the tone of <paramref name="reference"/>, image by image: each channel's
    /// mean and one contrast factor shared by the channels, the four numbers the encoders cannot see. Differentiable,
    /// so a loss on the result does not depend on the tone of <paramref name="images"/> at all.
    /// </summary>
    public static Tensor WithToneOf(Tensor images, Tensor reference)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(reference);
        long[] spatial = [2, 3], all = [1, 2, 3];
        var centred = images - images.mean(spatial, keepdim: true);
        var referenceMean = reference.mean(spatial, keepdim: true);
        var referenceSpread = (reference - referenceMean).square().mean(all, keepdim: true);
        var spread = centred.square().mean(all, keepdim: true);
        return referenceMean + (centred * ((referenceSpread + 1e-8) / (spread + 1e-8)).sqrt());
    }

    /// <summary>Image <paramref name="index"/> of a batch in [-1,1], back to [0,1].</summary>
    public static RgbImage ToImage(Tensor batch, int index)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var item = batch[index].detach().cpu().to_type(ScalarType.Float32).contiguous();
        float[] data = item.data<float>().ToArray();
        for (int k = 0; k < data.Length; k++)
        {
            data[k] = Math.Clamp((data[k] + 1f) / 2f, 0f, 1f);
        }
        return new RgbImage((int)batch.shape[3], (int)batch.shape[2], data);
    }
}
