using RestoreWeb.Inference.Imaging;

namespace RestoreWeb.Server.Photos;

public static class UploadStatus
{
    /// <summary>The HTTP status a rejected file gets: 413 for too big, 415 for not a readable image type, 422 for a damaged one.</summary>
    public static int For(ImageRejectionReason reason) => reason switch
    {
        ImageRejectionReason.FileTooLarge or ImageRejectionReason.TooManyPixels or ImageRejectionReason.DimensionTooLarge
            => StatusCodes.Status413PayloadTooLarge,
        ImageRejectionReason.NotAnImage or ImageRejectionReason.Unsupported => StatusCodes.Status415UnsupportedMediaType,
        ImageRejectionReason.Truncated or ImageRejectionReason.Corrupt or ImageRejectionReason.TooSmall => StatusCodes.Status422UnprocessableEntity,
        _ => StatusCodes.Status400BadRequest,
    };
}
