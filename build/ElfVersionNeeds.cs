// Reads and edits the symbol-version requirements (.gnu.version_r) of an ELF64 little-endian shared
// library. Compiled twice: as the MSBuild inline task WeakenElfVersionNeeds (see
// Directory.Build.targets) and into tests/RestoreWeb.Training.Tests, which define RESTOREWEB_TESTS.
//
// Why this exists: TorchSharp 0.107.0's libLibTorchSharp.so asks for GLIBCXX_3.4.32 (GCC 13) although
// its only symbol of that version, _ZSt21ios_base_library_initv, is never relocated against. Debian 12's
// libstdc++ stops at GLIBCXX_3.4.30, so the dynamic loader refuses the library and TorchSharp reports a
// misleading "doesn't contain a reference to libtorch-cpu-linux-x64". Marking that requirement
// VER_FLG_WEAK (0x2) makes the loader accept its absence with a warning-free load; on a GCC 13+ runtime the
// flag changes nothing.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace RestoreWeb.Build
{
    public sealed class ElfVersionNeed
    {
        public ElfVersionNeed(string file, string version, ushort flags, long flagsOffset)
        {
            File = file;
            Version = version;
            Flags = flags;
            FlagsOffset = flagsOffset;
        }

        /// <summary>The library that must provide the version (vn_file), e.g. libstdc++.so.6.</summary>
        public string File { get; }

        /// <summary>The version name (vna_name), e.g. GLIBCXX_3.4.32.</summary>
        public string Version { get; }

        /// <summary>vna_flags; bit 0x2 is VER_FLG_WEAK.</summary>
        public ushort Flags { get; }

        /// <summary>File offset of vna_flags, so that the flag can be rewritten in place.</summary>
        public long FlagsOffset { get; }

        public bool IsWeak => (Flags & ElfVersionNeeds.WeakFlag) != 0;
    }

    public static class ElfVersionNeeds
    {
        public const ushort WeakFlag = 0x2;
        private const uint ShtGnuVerneed = 0x6ffffffe;

        /// <summary>Lists every (library, version) requirement in the file's .gnu.version_r section.</summary>
        public static List<ElfVersionNeed> Read(string path)
        {
            byte[] elf = System.IO.File.ReadAllBytes(path);
            return Read(elf, path);
        }

        /// <summary>
        /// Sets VER_FLG_WEAK on the named version requirements. Returns how many entries changed (0 when
        /// they were weak already). Throws when a named version is not required by the file at all, so that
        /// a TorchSharp upgrade that drops the need is noticed and this fix removed.
        /// </summary>
        public static int Weaken(string path, IEnumerable<string> versions)
        {
            var wanted = new HashSet<string>(versions, StringComparer.Ordinal);
            List<ElfVersionNeed> needs = Read(path);
            var found = new HashSet<string>(StringComparer.Ordinal);
            int changed = 0;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite))
            {
                foreach (ElfVersionNeed need in needs)
                {
                    if (!wanted.Contains(need.Version))
                    {
                        continue;
                    }
                    found.Add(need.Version);
                    if (need.IsWeak)
                    {
                        continue;
                    }
                    ushort flags = (ushort)(need.Flags | WeakFlag);
                    stream.Position = need.FlagsOffset;
                    stream.WriteByte((byte)(flags & 0xff));
                    stream.WriteByte((byte)(flags >> 8));
                    changed++;
                }
            }
            wanted.ExceptWith(found);
            if (wanted.Count > 0)
            {
                throw new InvalidDataException(
                    path + " does not require symbol version(s) " + string.Join(", ", wanted) + "; nothing to weaken.");
            }
            return changed;
        }

        private static List<ElfVersionNeed> Read(byte[] elf, string path)
        {
            if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            {
                throw new InvalidDataException(path + " is not an ELF file.");
            }
            if (elf[4] != 2 || elf[5] != 1)
            {
                throw new InvalidDataException(path + " is not a 64-bit little-endian ELF file.");
            }

            long sectionHeaders = (long)U64(elf, 0x28);
            int sectionHeaderSize = U16(elf, 0x3A);
            int sectionCount = U16(elf, 0x3C);
            var result = new List<ElfVersionNeed>();
            for (int i = 0; i < sectionCount; i++)
            {
                long header = sectionHeaders + (long)i * sectionHeaderSize;
                if (U32(elf, header + 4) != ShtGnuVerneed)
                {
                    continue;
                }
                long offset = (long)U64(elf, header + 0x18);
                uint linkedStrings = U32(elf, header + 0x28);
                uint needCount = U32(elf, header + 0x2C);
                long strings = (long)U64(elf, sectionHeaders + (long)linkedStrings * sectionHeaderSize + 0x18);

                long need = offset;
                for (uint n = 0; n < needCount; n++)
                {
                    int auxCount = U16(elf, need + 2);
                    string file = CString(elf, strings + U32(elf, need + 4));
                    long aux = need + U32(elf, need + 8);
                    for (int a = 0; a < auxCount; a++)
                    {
                        ushort flags = (ushort)U16(elf, aux + 4);
                        string version = CString(elf, strings + U32(elf, aux + 8));
                        result.Add(new ElfVersionNeed(file, version, flags, aux + 4));
                        aux += U32(elf, aux + 12);
                    }
                    need += U32(elf, need + 12);
                }
            }
            return result;
        }

        private static int U16(byte[] b, long o) => b[o] | (b[o + 1] << 8);

        private static uint U32(byte[] b, long o) => (uint)(b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24));

        private static ulong U64(byte[] b, long o) => U32(b, o) | ((ulong)U32(b, o + 4) << 32);

        private static string CString(byte[] b, long o)
        {
            long end = o;
            while (b[end] != 0)
            {
                end++;
            }
            return Encoding.ASCII.GetString(b, (int)o, (int)(end - o));
        }
    }

#if !RESTOREWEB_TESTS
    /// <summary>MSBuild task: weakens the listed symbol-version needs of the given native libraries.</summary>
    public sealed class WeakenElfVersionNeeds : Microsoft.Build.Utilities.Task
    {
        [Microsoft.Build.Framework.Required]
        public Microsoft.Build.Framework.ITaskItem[] Libraries { get; set; } = Array.Empty<Microsoft.Build.Framework.ITaskItem>();

        [Microsoft.Build.Framework.Required]
        public string Versions { get; set; } = string.Empty;

        public override bool Execute()
        {
            string[] versions = Versions.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries);
            foreach (Microsoft.Build.Framework.ITaskItem library in Libraries)
            {
                string path = library.GetMetadata("FullPath");
                try
                {
                    int changed = ElfVersionNeeds.Weaken(path, versions);
                    if (changed > 0)
                    {
                        Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High,
                            "Marked {0} weak in {1} (loads on libstdc++ older than GCC 13).", Versions, path);
                    }
                }
                catch (Exception e) when (e is IOException || e is InvalidDataException || e is UnauthorizedAccessException)
                {
                    Log.LogError("Could not patch {0}: {1}", path, e.Message);
                }
            }
            return !Log.HasLoggedErrors;
        }
    }
#endif
}
