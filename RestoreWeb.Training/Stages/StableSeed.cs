namespace RestoreWeb.Training.Stages;

/// <summary>
/// Seeds derived from (run seed, stage, purpose, index) that are the same in every process — unlike
/// <see cref="HashCode"/>, which .NET randomises per process and would break resuming after a restart.
/// </summary>
public static class StableSeed
{
    public static int Derive(int seed, string stage, string purpose, long index)
    {
        ulong state = (ulong)(uint)seed;
        state = Mix(state ^ Fnv(stage));
        state = Mix(state ^ Fnv(purpose));
        state = Mix(state ^ (ulong)index);
        return (int)(state & 0x7fffffff);
    }

    private static ulong Fnv(string text)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return hash;
    }

    // SplitMix64's finaliser: every input bit affects every output bit.
    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
