using System.Runtime.InteropServices;

namespace NanshanBot.Answering;

/// <summary>
/// The C library's allocator, which the runtime and the libraries it loads allocate from: a start that analyses
/// every article leaves megabytes of it free but held (glibc returns free memory at the top of its heaps only
/// when asked). Asked once after each compaction; a no-op elsewhere than on Linux with glibc.
/// </summary>
internal static class NativeHeap
{
    public static void Trim()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            _ = MallocTrim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl has no malloc_trim): nothing to give back this way.
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
