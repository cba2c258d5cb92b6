using RestoreWeb.Inference.Imaging;

namespace RestoreWeb.Training.Evaluation;

public static class EvaluationImages
{
    /// <summary>The networks need sides that are multiples of 4; the last few pixels are cropped rather than resampled.</summary>
    public static RgbImage CropToMultipleOf4(RgbImage image)
    {
        int width = image.Width / 4 * 4, height = image.Height / 4 * 4;
        if (width == image.Width && height == image.Height)
        {
            return image;
        }
        var cropped = new RgbImage(width, height);
        for (int c = 0; c < RgbImage.Channels; c++)
        {
            for (int y = 0; y < height; y++)
            {
                image.Plane(c).Slice(y * image.Width, width).CopyTo(cropped.Plane(c).Slice(y * width, width));
            }
        }
        return cropped;
    }
}
