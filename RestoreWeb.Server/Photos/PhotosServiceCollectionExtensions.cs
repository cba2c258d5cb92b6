using Microsoft.Extensions.Options;
using RestoreWeb.Inference.Imaging;
using RestoreWeb.Server.Albums;
using RestoreWeb.Server.Hosting;

namespace RestoreWeb.Server.Photos;

public static class PhotosServiceCollectionExtensions
{
    /// <summary>Albums and photos: uploads, validation, thumbnails, views and deletion.</summary>
    public static IServiceCollection AddRestoreWebPhotos(this IServiceCollection services)
    {
        // The upload limits are the imaging limits: a file the server accepts is one the pipeline will decode.
        services.AddOptions<ImagingOptions>()
            .BindConfiguration(ImagingOptions.SectionName)
            .PostConfigure<IOptions<RestoreWebOptions>>((imaging, restoreWeb) =>
            {
                imaging.MaxBytes = restoreWeb.Value.Uploads.MaxFileBytes;
                imaging.MaxPixels = restoreWeb.Value.Uploads.MaxPixels;
            });
        services.AddSingleton(provider => new ImageProber(provider.GetRequiredService<IOptions<ImagingOptions>>().Value));
        services.AddSingleton<MultipartUploadReader>();
        services.AddSingleton<Thumbnailer>();
        services.AddScoped<PhotoUploader>();
        services.AddScoped<UploadQuota>();
        services.AddScoped<PhotoViews>();
        services.AddScoped<PhotoDeletion>();
        services.AddScoped<AlbumViews>();
        return services;
    }
}
