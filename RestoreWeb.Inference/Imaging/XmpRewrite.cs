using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using SixLabors.ImageSharp.Metadata.Profiles.Xmp;

namespace RestoreWeb.Inference.Imaging;

/// <summary>
/// Adapts the original's XMP to the restored image. Photo software (Lightroom, Photoshop, digiKam) mirrors the
/// EXIF orientation and dimensions into XMP, and some viewers prefer the XMP copy, so an upright restored photo
/// with a stale tiff:Orientation of 6 would be shown turned again.
/// </summary>
internal static class XmpRewrite
{
    private static readonly XNamespace Tiff = "http://ns.adobe.com/tiff/1.0/";
    private static readonly XNamespace Exif = "http://ns.adobe.com/exif/1.0/";

    public static XmpProfile ForRestoredImage(XmpProfile original, int width, int height)
    {
        XDocument? document;
        try
        {
            document = original.GetDocument();
        }
        catch (XmlException)
        {
            document = null;
        }
        if (document is null)
        {
            // Unparseable XMP is carried as it is rather than lost.
            return original.DeepClone();
        }

        Set(document, Tiff + "Orientation", ExifOrientation.Upright);
        Set(document, Tiff + "ImageWidth", width);
        Set(document, Tiff + "ImageLength", height);
        Set(document, Exif + "PixelXDimension", width);
        Set(document, Exif + "PixelYDimension", height);

        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), OmitXmlDeclaration = true }))
        {
            document.Save(writer);
        }
        return new XmpProfile(buffer.ToArray());
    }

    /// <summary>Replaces the property wherever it is written, as an attribute or as an element; adds nothing.</summary>
    private static void Set(XDocument document, XName property, int value)
    {
        string text = value.ToString(CultureInfo.InvariantCulture);
        foreach (var attribute in document.Descendants().Attributes(property))
        {
            attribute.Value = text;
        }
        foreach (var element in document.Descendants(property))
        {
            element.Value = text;
        }
    }
}
