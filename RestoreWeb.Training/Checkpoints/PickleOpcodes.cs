using System.Buffers.Binary;
using System.Text;

namespace RestoreWeb.Training.Checkpoints;

/// <summary>
/// Walks the opcodes of one Python pickle (protocols 0–5) without executing it: enough to find where a pickle
/// ends inside a longer byte stream (the legacy torch format concatenates several) and to rename the globals it
/// refers to.
/// </summary>
internal static class PickleOpcodes
{
    private const byte Global = (byte)'c';
    private const byte Inst = (byte)'i';
    private const byte Stop = (byte)'.';

    /// <summary>
    /// Copies the pickle that starts at <paramref name="start"/>, with every GLOBAL "module\nname" looked up in
    /// <paramref name="renames"/> (key "module.name"), and returns the offset just after its STOP opcode.
    /// </summary>
    public static byte[] CopyWithRenamedGlobals(
        ReadOnlySpan<byte> data, int start, IReadOnlyDictionary<string, (string Module, string Name)> renames, out int end)
    {
        using var copy = new MemoryStream();
        int position = start;
        while (true)
        {
            if (position >= data.Length)
            {
                throw new InvalidDataException("The pickle stream ends before its STOP opcode.");
            }

            byte opcode = data[position];
            int next = Skip(data, position);
            if (opcode == Global)
            {
                string module = ReadLine(data, position + 1, out int nameStart);
                string name = ReadLine(data, nameStart, out _);
                if (renames.TryGetValue(module + "." + name, out var target))
                {
                    copy.WriteByte(Global);
                    copy.Write(Encoding.ASCII.GetBytes(target.Module + "\n" + target.Name + "\n"));
                    position = next;
                    continue;
                }
            }

            copy.Write(data[position..next]);
            position = next;
            if (opcode == Stop)
            {
                end = position;
                return copy.ToArray();
            }
        }
    }

    /// <summary>The offset of the opcode after the one at <paramref name="position"/>.</summary>
    private static int Skip(ReadOnlySpan<byte> data, int position)
    {
        byte opcode = data[position];
        int argument = position + 1;
        return opcode switch
        {
            // No argument.
            (byte)'a' or (byte)'b' or (byte)'d' or (byte)'e' or (byte)'l' or (byte)'o' or (byte)'s' or (byte)'t'
                or (byte)'u' or (byte)'}' or (byte)']' or (byte)')' or (byte)'(' or (byte)'.' or (byte)'0' or (byte)'1'
                or (byte)'2' or (byte)'N' or (byte)'R' or (byte)'Q' or 0x81 or 0x85 or 0x86 or 0x87 or 0x88 or 0x89
                or 0x8f or 0x90 or 0x91 or 0x92 or 0x93 or 0x94 or 0x97 or 0x98 => argument,
            // One newline-terminated argument.
            (byte)'I' or (byte)'L' or (byte)'F' or (byte)'S' or (byte)'V' or (byte)'P' or (byte)'g' or (byte)'p' =>
                LineEnd(data, argument),
            // Two newline-terminated arguments.
            Global or Inst => LineEnd(data, LineEnd(data, argument)),
            // Fixed-size arguments.
            (byte)'h' or (byte)'q' or (byte)'K' or 0x80 or 0x82 => argument + 1,
            (byte)'M' or 0x83 => argument + 2,
            (byte)'j' or (byte)'r' or (byte)'J' or 0x84 => argument + 4,
            (byte)'G' or 0x95 => argument + 8,
            // Length-prefixed data.
            (byte)'U' or (byte)'C' or 0x8a or 0x8c => argument + 1 + data[argument],
            (byte)'T' or (byte)'X' or (byte)'B' or 0x8b =>
                checked(argument + 4 + (int)BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(argument, 4))),
            0x8d or 0x8e or 0x96 =>
                checked(argument + 8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(argument, 8))),
            _ => throw new InvalidDataException($"Unknown pickle opcode 0x{opcode:x2} at offset {position}."),
        };
    }

    private static int LineEnd(ReadOnlySpan<byte> data, int start)
    {
        int newline = data[start..].IndexOf((byte)'\n');
        return newline < 0
            ? throw new InvalidDataException($"Unterminated pickle argument at offset {start}.")
            : start + newline + 1;
    }

    private static string ReadLine(ReadOnlySpan<byte> data, int start, out int next)
    {
        next = LineEnd(data, start);
        return Encoding.ASCII.GetString(data[start..(next - 1)]);
    }
}
