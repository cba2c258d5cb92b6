using RestoreWeb.Inference.Imaging;

namespace RestoreWeb.Training.Data;

/// <summary>Random square crops with scale jitter and horizontal flips, as the official loaders do.</summary>
public static class RandomCrops
{
    /// <summary>A <paramref name="size"/>² crop of a region 1–1.5× that size, flipped with probability ½.</summary>
    public static RgbImage Take(RgbImage photo, int size, Random random)
    {
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentNullException.ThrowIfNull(random);
        int shortSide = Math.Min(photo.Width, photo.Height);
        int region = Math.Min(shortSide, (int)(size * (1 + random.NextDouble() * 0.5)));
        int left = random.Next(photo.Width - region + 1);
        int top = random.Next(photo.Height - region + 1);
        bool flip = random.Next(2) == 1;

        var cropped = new RgbImage(region, region);
        for (int c = 0; c < RgbImage.Channels; c++)
        {
            var source = photo.Plane(c);
            var target = cropped.Plane(c);
            for (int y = 0; y < region; y++)
            {
                var row = source.Slice((top + y) * photo.Width + left, region);
                var destination = target.Slice(y * region, region);
                row.CopyTo(destination);
                if (flip)
                {
                    destination.Reverse();
                }
            }
        }
        return region == size ? cropped : Resampling.ResizeBilinear(cropped, size, size);
    }
}
