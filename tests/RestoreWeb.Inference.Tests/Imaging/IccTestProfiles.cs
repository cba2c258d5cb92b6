using System.Buffers.Binary;
using System.Text;

namespace RestoreWeb.Inference.Tests.Imaging;

/// <summary>
/// Minimal but valid ICC profiles built byte by byte (ImageSharp 2.1 cannot build one): a 128-byte header, a
/// tag table with one 'cprt' text tag, and the text. Enough for a decoder to read and a test to recognise.
/// </summary>
internal static class IccTestProfiles
{
    public static byte[] Create(string colorSpace, string copyright)
    {
        var text = Encoding.ASCII.GetBytes(copyright + "\0");
        int tagData = 128 + 4 + 12;
        int total = tagData + 8 + text.Length;
        var profile = new byte[total];
        var span = profile.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)total);
        BinaryPrimitives.WriteUInt32BigEndian(span[8..], 0x02100000); // version 2.1
        Ascii("mntr", span[12..]);
        Ascii(colorSpace.PadRight(4), span[16..]);
        Ascii("XYZ ", span[20..]);
        Ascii("acsp", span[36..]);
        BinaryPrimitives.WriteUInt32BigEndian(span[128..], 1);
        Ascii("cprt", span[132..]);
        BinaryPrimitives.WriteUInt32BigEndian(span[136..], (uint)tagData);
        BinaryPrimitives.WriteUInt32BigEndian(span[140..], (uint)(8 + text.Length));
        Ascii("text", span[tagData..]);
        text.CopyTo(span[(tagData + 8)..]);
        return profile;
    }

    private static void Ascii(string value, Span<byte> destination) => Encoding.ASCII.GetBytes(value, destination);
}
