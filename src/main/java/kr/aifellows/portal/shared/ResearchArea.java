package kr.aifellows.portal.shared;

import java.util.Locale;

/**
 * The fixed taxonomy of research areas, shared by portfolios, review and search.
 */
public enum ResearchArea {

	FOUNDATION_MODELS("초거대·파운데이션 모델", "Foundation models"), NLP("자연어 처리", "Natural language processing"),
	COMPUTER_VISION("컴퓨터 비전", "Computer vision"), SPEECH("음성·오디오", "Speech and audio"),
	REINFORCEMENT_LEARNING("강화학습", "Reinforcement learning"), ROBOTICS("로보틱스·임바디드 AI", "Robotics and embodied AI"),
	MULTIMODAL("멀티모달", "Multimodal learning"), ML_THEORY("머신러닝 이론", "Machine learning theory"),
	OPTIMIZATION("최적화", "Optimization"), AI_SAFETY("AI 안전·정렬", "AI safety and alignment"),
	AI_SYSTEMS("AI 시스템·효율화", "AI systems and efficiency"), AI_FOR_SCIENCE("과학을 위한 AI", "AI for science"),
	HEALTHCARE("의료 AI", "AI for healthcare"), DATA_CENTRIC("데이터 중심 AI", "Data-centric AI"),
	HCI("인간-AI 상호작용", "Human-AI interaction");

	private final String korean;

	private final String english;

	ResearchArea(String korean, String english) {
		this.korean = korean;
		this.english = english;
	}

	public String label(Locale locale) {
		return locale != null && "en".equals(locale.getLanguage()) ? english : korean;
	}

	public String korean() {
		return korean;
	}

	public String english() {
		return english;
	}

}
