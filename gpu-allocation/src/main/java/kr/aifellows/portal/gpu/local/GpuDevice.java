package kr.aifellows.portal.gpu.local;

/**
 * One GPU of this host.
 *
 * @param index nvidia-smi's index (or the virtual GPU's number)
 * @param minor the device node's minor number ({@code /dev/nvidiaN}), or -1 for a virtual
 * GPU
 * @param uuid the GPU's UUID (what {@code CUDA_VISIBLE_DEVICES} gets), or null for a
 * virtual GPU
 */
public record GpuDevice(int index, int minor, String uuid, String name) {

	public boolean isVirtual() {
		return minor < 0;
	}

	String visibleDevicesEntry() {
		return uuid != null ? uuid : Integer.toString(index);
	}

}
